#include "messaging/EvolutionClient.h"

#include "messaging/PhoneAddress.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QNetworkReply>

namespace shopdesk {

namespace {

QString messageOf(const QJsonObject &answer)
{
    const QJsonValue response = answer.value(QLatin1String("response"));
    const QJsonValue message = response.toObject().value(QLatin1String("message"));
    if (message.isArray() && !message.toArray().isEmpty())
        return message.toArray().first().toVariant().toString();
    if (message.isString())
        return message.toString();
    return answer.value(QLatin1String("error")).toString();
}

} // namespace

QNetworkRequest EvolutionClient::apiRequest(const QString &path) const
{
    QString base = m_config.apiBase();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QNetworkRequest req(
        QUrl(base + path + QLatin1Char('/') + m_config.value(QStringLiteral("instance"))));
    req.setRawHeader("apikey", m_config.value(QStringLiteral("api_key")).toUtf8());
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return req;
}

void EvolutionClient::markRead(const QString &customer, const QString &providerMessageId)
{
    const QString number = PhoneAddress::digits(customer);
    if (number.isEmpty())
        return;
    const QString jid = number + QStringLiteral("@s.whatsapp.net");
    const QJsonObject read{{QStringLiteral("readMessages"),
                            QJsonArray{QJsonObject{{QStringLiteral("remoteJid"), jid},
                                                   {QStringLiteral("fromMe"), false},
                                                   {QStringLiteral("id"), providerMessageId}}}}};
    request("POST", apiRequest(QStringLiteral("/chat/markMessageAsRead")),
            QJsonDocument(read).toJson(QJsonDocument::Compact),
            bestEffort(QStringLiteral("mark %1 read").arg(providerMessageId)));
    const QJsonObject typing{{QStringLiteral("number"), number},
                             {QStringLiteral("delay"), 1200},
                             {QStringLiteral("presence"), QStringLiteral("composing")}};
    request("POST", apiRequest(QStringLiteral("/chat/sendPresence")),
            QJsonDocument(typing).toJson(QJsonDocument::Compact),
            bestEffort(QStringLiteral("show the shop typing")));
}

void EvolutionClient::send(const OutboxItem &item, SendDone done)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    QJsonObject body{{QStringLiteral("number"), PhoneAddress::digits(item.customer)}};
    QString path = QStringLiteral("/message/sendText");
    if (item.kind == QLatin1String("media")) {
        path = QStringLiteral("/message/sendMedia");
        QString media = payload.value(QLatin1String("link")).toString();
        QString mime;
        const QString file = payload.value(QLatin1String("file")).toString();
        if (!file.isEmpty()) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                done({SendOutcome::Kind::Failed,
                      {},
                      QStringLiteral("Cannot read the file to send: %1").arg(f.errorString()),
                      {},
                      -1});
                return;
            }
            media = QString::fromLatin1(f.readAll().toBase64());
            mime = QMimeDatabase().mimeTypeForFile(QFileInfo(file)).name();
        }
        body.insert(QLatin1String("mediatype"), payload.value(QLatin1String("media_type")));
        body.insert(QLatin1String("media"), media);
        if (!mime.isEmpty())
            body.insert(QLatin1String("mimetype"), mime);
        if (payload.contains(QLatin1String("caption")))
            body.insert(QLatin1String("caption"), payload.value(QLatin1String("caption")));
        if (payload.contains(QLatin1String("file_name")))
            body.insert(QLatin1String("fileName"), payload.value(QLatin1String("file_name")));
    } else if (item.kind == QLatin1String("template")) {
        // No templates (and no 24-hour window) on a WhatsApp Web gateway: send the text.
        body.insert(QLatin1String("text"), payload.value(QLatin1String("text")));
    } else {
        body.insert(QLatin1String("text"), payload.value(QLatin1String("text")));
    }
    request(
        "POST", apiRequest(path), QJsonDocument(body).toJson(QJsonDocument::Compact),
        [this, done = std::move(done)](QNetworkReply *reply, bool timedOut) {
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString id =
                answer.value(QLatin1String("key")).toObject().value(QLatin1String("id")).toString();
            if (http >= 200 && http < 300 && !id.isEmpty()) {
                done({SendOutcome::Kind::Sent, id, {}, {}, -1});
                return;
            }
            done(failureFrom(reply, timedOut, {}, messageOf(answer)));
        });
}

void EvolutionClient::testConnection(TestDone done)
{
    request(
        "GET", apiRequest(QStringLiteral("/instance/connectionState")), {},
        [this, done = std::move(done)](QNetworkReply *reply, bool timedOut) {
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            if (reply->error() != QNetworkReply::NoError) {
                done(Status::failure(failureFrom(reply, timedOut, {}, messageOf(answer)).reason));
                return;
            }
            const QString state = answer.value(QLatin1String("instance"))
                                      .toObject()
                                      .value(QLatin1String("state"))
                                      .toString();
            if (!state.isEmpty() && state != QLatin1String("open"))
                done(Status::failure(QStringLiteral("The Evolution instance is reachable but "
                                                    "its WhatsApp session is \"%1\": scan "
                                                    "the QR code again.")
                                         .arg(state)));
            else
                done(success());
        });
}

void EvolutionClient::fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done)
{
    // WhatsApp's own media URLs are encrypted; Evolution decrypts them for us.
    const QJsonObject body{
        {QStringLiteral("message"),
         QJsonObject{
             {QStringLiteral("key"), QJsonObject{{QStringLiteral("id"), job.providerMessageId}}}}}};
    request("POST", apiRequest(QStringLiteral("/chat/getBase64FromMediaMessage")),
            QJsonDocument(body).toJson(QJsonDocument::Compact),
            [maxBytes, done = std::move(done)](QNetworkReply *reply, bool) {
                const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
                const QByteArray data = QByteArray::fromBase64(
                    answer.value(QLatin1String("base64")).toString().toLatin1());
                if (reply->error() != QNetworkReply::NoError || data.isEmpty()) {
                    done(Result<FetchedMedia>::failure(
                        QStringLiteral("Evolution could not give this file: %1")
                            .arg(messageOf(answer))));
                    return;
                }
                if (data.size() > maxBytes) {
                    done(ProviderClient::tooLarge(maxBytes));
                    return;
                }
                done(FetchedMedia{data, answer.value(QLatin1String("mimetype")).toString()});
            });
}

} // namespace shopdesk
