#include "messaging/TwilioClient.h"

#include "messaging/FormBody.h"
#include "messaging/JsonFields.h"
#include "messaging/PhoneAddress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

namespace shopdesk {

namespace {

QString codeOf(const QJsonObject &error)
{
    return json::str(error, "code");
}

} // namespace

QNetworkRequest TwilioClient::apiRequest(const QString &path) const
{
    QNetworkRequest req(QUrl(m_config.apiBase() + QStringLiteral("/2010-04-01/Accounts/") +
                             m_config.value(QStringLiteral("account_sid")) + path));
    const QByteArray credentials = (m_config.value(QStringLiteral("account_sid")) +
                                    QLatin1Char(':') + m_config.value(QStringLiteral("auth_token")))
                                       .toUtf8();
    req.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    return req;
}

void TwilioClient::send(const OutboxItem &item, SendDone done)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    FormBody::Fields form{
        {QStringLiteral("To"), PhoneAddress::twilio(item.customer)},
        {QStringLiteral("From"), PhoneAddress::twilio(m_config.value(QStringLiteral("from")))}};
    const QString publicUrl = m_config.value(QStringLiteral("public_url"));
    if (!publicUrl.isEmpty()) {
        QString base = publicUrl;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        form.append({QStringLiteral("StatusCallback"),
                     base + m_config.webhookPath() + QStringLiteral("?outbox=%1").arg(item.id)});
    }
    if (item.kind == QLatin1String("template")) {
        const QJsonObject tmpl =
            m_config.templateNamed(payload.value(QLatin1String("template")).toString());
        const QString contentSid = tmpl.value(QLatin1String("content_sid")).toString();
        if (contentSid.isEmpty()) {
            done({SendOutcome::Kind::Failed,
                  {},
                  QStringLiteral("Template \"%1\" has no Twilio content_sid in this channel's "
                                 "settings.")
                      .arg(payload.value(QLatin1String("template")).toString()),
                  {},
                  -1});
            return;
        }
        QJsonObject variables;
        const QJsonArray params = payload.value(QLatin1String("params")).toArray();
        for (int i = 0; i < params.size(); ++i)
            variables.insert(QString::number(i + 1), params.at(i));
        form.append({QStringLiteral("ContentSid"), contentSid});
        form.append({QStringLiteral("ContentVariables"),
                     QString::fromUtf8(QJsonDocument(variables).toJson(QJsonDocument::Compact))});
    } else if (item.kind == QLatin1String("media")) {
        const QString link = payload.value(QLatin1String("link")).toString();
        if (link.isEmpty()) {
            done({SendOutcome::Kind::Failed,
                  {},
                  QStringLiteral("Twilio sends files from a public link; this file has none."),
                  {},
                  -1});
            return;
        }
        form.append({QStringLiteral("MediaUrl"), link});
        const QString caption = payload.value(QLatin1String("caption")).toString();
        if (!caption.isEmpty())
            form.append({QStringLiteral("Body"), caption});
    } else {
        form.append({QStringLiteral("Body"), payload.value(QLatin1String("text")).toString()});
    }
    QNetworkRequest req = apiRequest(QStringLiteral("/Messages.json"));
    req.setHeader(QNetworkRequest::ContentTypeHeader,
                  QByteArrayLiteral("application/x-www-form-urlencoded"));
    request("POST", req, FormBody::encode(form),
            [this, done = std::move(done)](QNetworkReply *reply, bool timedOut) {
                const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
                const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QString sid = answer.value(QLatin1String("sid")).toString();
                if (http >= 200 && http < 300 && !sid.isEmpty()) {
                    done({SendOutcome::Kind::Sent, sid, {}, {}, -1});
                    return;
                }
                done(failureFrom(reply, timedOut, codeOf(answer),
                                 answer.value(QLatin1String("message")).toString()));
            });
}

void TwilioClient::testConnection(TestDone done)
{
    request("GET", apiRequest(QStringLiteral(".json")), {},
            [this, done = std::move(done)](QNetworkReply *reply, bool timedOut) {
                const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
                if (reply->error() == QNetworkReply::NoError) {
                    done(success());
                    return;
                }
                done(Status::failure(failureFrom(reply, timedOut, codeOf(answer),
                                                 answer.value(QLatin1String("message")).toString())
                                         .reason));
            });
}

void TwilioClient::fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done)
{
    QNetworkRequest req{QUrl(job.source)};
    const QByteArray credentials = (m_config.value(QStringLiteral("account_sid")) +
                                    QLatin1Char(':') + m_config.value(QStringLiteral("auth_token")))
                                       .toUtf8();
    req.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    download(req, maxBytes, std::move(done));
}

} // namespace shopdesk
