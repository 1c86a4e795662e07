#include "messaging/MetaClient.h"

#include "messaging/JsonFields.h"
#include "messaging/PhoneAddress.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace shopdesk {

namespace {

QJsonObject errorOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
}

QString codeOf(const QJsonObject &error)
{
    return json::str(error, "code");
}

QString textOf(const QJsonObject &error)
{
    const QString details = error.value(QLatin1String("error_data"))
                                .toObject()
                                .value(QLatin1String("details"))
                                .toString();
    return details.isEmpty() ? error.value(QLatin1String("message")).toString() : details;
}

} // namespace

QNetworkRequest MetaClient::apiRequest(const QString &path) const
{
    QNetworkRequest req(QUrl(m_config.apiBase() + QLatin1Char('/') + m_config.apiVersion() +
                             QLatin1Char('/') + path));
    req.setRawHeader("Authorization",
                     "Bearer " + m_config.value(QStringLiteral("access_token")).toUtf8());
    return req;
}

QJsonObject MetaClient::messageBody(const OutboxItem &item, const QString &mediaId)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    QJsonObject body{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("recipient_type"), QStringLiteral("individual")},
        {QStringLiteral("to"), PhoneAddress::digits(item.customer)},
        {QStringLiteral("biz_opaque_callback_data"), QStringLiteral("outbox:%1").arg(item.id)}};
    if (item.kind == QLatin1String("template")) {
        QJsonArray parameters;
        for (const QJsonValue &p : payload.value(QLatin1String("params")).toArray())
            parameters.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                          {QStringLiteral("text"), p.toString()}});
        QJsonObject tmpl{
            {QStringLiteral("name"), payload.value(QLatin1String("template"))},
            {QStringLiteral("language"),
             QJsonObject{{QStringLiteral("code"), payload.value(QLatin1String("language"))}}}};
        if (!parameters.isEmpty())
            tmpl.insert(QLatin1String("components"),
                        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("body")},
                                               {QStringLiteral("parameters"), parameters}}});
        body.insert(QLatin1String("type"), QStringLiteral("template"));
        body.insert(QLatin1String("template"), tmpl);
    } else if (item.kind == QLatin1String("media")) {
        const QString type = payload.value(QLatin1String("media_type")).toString();
        QJsonObject media;
        if (!mediaId.isEmpty())
            media.insert(QLatin1String("id"), mediaId);
        else
            media.insert(QLatin1String("link"), payload.value(QLatin1String("link")));
        const QString caption = payload.value(QLatin1String("caption")).toString();
        if (!caption.isEmpty() && type != QLatin1String("audio"))
            media.insert(QLatin1String("caption"), caption);
        const QString fileName = payload.value(QLatin1String("file_name")).toString();
        if (!fileName.isEmpty() && type == QLatin1String("document"))
            media.insert(QLatin1String("filename"), fileName);
        body.insert(QLatin1String("type"), type);
        body.insert(type, media);
    } else if (payload.contains(QLatin1String("interactive"))) {
        body.insert(QLatin1String("type"), QStringLiteral("interactive"));
        body.insert(QLatin1String("interactive"), payload.value(QLatin1String("interactive")));
    } else {
        body.insert(QLatin1String("type"), QStringLiteral("text"));
        body.insert(QLatin1String("text"),
                    QJsonObject{{QStringLiteral("preview_url"), false},
                                {QStringLiteral("body"), payload.value(QLatin1String("text"))}});
    }
    return body;
}

void MetaClient::send(const OutboxItem &item, SendDone done)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    if (item.kind == QLatin1String("media") && payload.contains(QLatin1String("file")))
        upload(item, std::move(done));
    else
        post(item, {}, std::move(done));
}

QJsonObject MetaClient::readBody(const QString &providerMessageId)
{
    return {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
            {QStringLiteral("status"), QStringLiteral("read")},
            {QStringLiteral("message_id"), providerMessageId},
            {QStringLiteral("typing_indicator"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}}}};
}

void MetaClient::markRead(const QString &, const QString &providerMessageId)
{
    QNetworkRequest req =
        apiRequest(m_config.value(QStringLiteral("phone_number_id")) + QStringLiteral("/messages"));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request("POST", req, QJsonDocument(readBody(providerMessageId)).toJson(QJsonDocument::Compact),
            bestEffort(QStringLiteral("mark %1 read").arg(providerMessageId)));
}

void MetaClient::post(const OutboxItem &item, const QString &mediaId, SendDone done)
{
    QNetworkRequest req =
        apiRequest(m_config.value(QStringLiteral("phone_number_id")) + QStringLiteral("/messages"));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body =
        QJsonDocument(messageBody(item, mediaId)).toJson(QJsonDocument::Compact);
    request("POST", req, body, [this, done = std::move(done)](QNetworkReply *reply, bool timedOut) {
        const QByteArray answer = reply->readAll();
        const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (http >= 200 && http < 300) {
            const QString id = QJsonDocument::fromJson(answer)
                                   .object()
                                   .value(QLatin1String("messages"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QLatin1String("id"))
                                   .toString();
            if (!id.isEmpty()) {
                done({SendOutcome::Kind::Sent, id, {}, {}, -1});
                return;
            }
            done({SendOutcome::Kind::Unknown,
                  {},
                  QStringLiteral("WhatsApp accepted the request but returned no message id."),
                  {},
                  -1});
            return;
        }
        const QJsonObject error = errorOf(answer);
        done(failureFrom(reply, timedOut, codeOf(error), textOf(error)));
    });
}

void MetaClient::upload(const OutboxItem &item, SendDone done)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    auto *file = new QFile(payload.value(QLatin1String("file")).toString());
    if (!file->open(QIODevice::ReadOnly)) {
        done({SendOutcome::Kind::Failed,
              {},
              QStringLiteral("Cannot read the file to send: %1").arg(file->errorString()),
              {},
              -1});
        delete file;
        return;
    }
    const QString mime = QMimeDatabase().mimeTypeForFile(QFileInfo(*file)).name();
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart product;
    product.setHeader(QNetworkRequest::ContentDispositionHeader,
                      QStringLiteral("form-data; name=\"messaging_product\""));
    product.setBody("whatsapp");
    QHttpPart type;
    type.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"type\""));
    type.setBody(mime.toUtf8());
    QHttpPart filePart;
    filePart.setHeader(QNetworkRequest::ContentTypeHeader, mime);
    filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"file\"; filename=\"%1\"")
                           .arg(QFileInfo(*file).fileName()));
    filePart.setBodyDevice(file);
    file->setParent(multi);
    multi->append(product);
    multi->append(type);
    multi->append(filePart);
    QNetworkRequest req =
        apiRequest(m_config.value(QStringLiteral("phone_number_id")) + QStringLiteral("/media"));
    QNetworkReply *reply = m_network.post(req, multi);
    multi->setParent(reply);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(m_timeoutMs * 4);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, item, done = std::move(done)]() mutable {
                reply->deleteLater();
                const QByteArray answer = reply->readAll();
                const QString id =
                    QJsonDocument::fromJson(answer).object().value(QLatin1String("id")).toString();
                if (reply->error() == QNetworkReply::NoError && !id.isEmpty()) {
                    post(item, id, std::move(done));
                    return;
                }
                // Nothing was sent to the customer yet: an upload failure can always be retried.
                SendOutcome out =
                    failureFrom(reply, false, codeOf(errorOf(answer)), textOf(errorOf(answer)));
                if (out.kind == SendOutcome::Kind::Unknown)
                    out.kind = SendOutcome::Kind::Retry;
                done(out);
            });
}

void MetaClient::testConnection(TestDone done)
{
    QNetworkRequest req = apiRequest(m_config.value(QStringLiteral("phone_number_id")) +
                                     QStringLiteral("?fields=display_phone_number,verified_name"));
    request("GET", req, {}, [this, done = std::move(done)](QNetworkReply *reply, bool timedOut) {
        const QByteArray answer = reply->readAll();
        if (reply->error() == QNetworkReply::NoError) {
            done(success());
            return;
        }
        const QJsonObject error = errorOf(answer);
        done(Status::failure(failureFrom(reply, timedOut, codeOf(error), textOf(error)).reason));
    });
}

void MetaClient::fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done)
{
    const QByteArray auth = "Bearer " + m_config.value(QStringLiteral("access_token")).toUtf8();
    if (job.source.startsWith(QLatin1String("http"))) {
        QNetworkRequest req{QUrl(job.source)};
        req.setRawHeader("Authorization", auth);
        download(req, maxBytes, std::move(done));
        return;
    }
    request("GET", apiRequest(job.source), {},
            [this, auth, maxBytes, done = std::move(done)](QNetworkReply *reply, bool) mutable {
                const QJsonObject info = QJsonDocument::fromJson(reply->readAll()).object();
                const QString url = info.value(QLatin1String("url")).toString();
                if (reply->error() != QNetworkReply::NoError || url.isEmpty()) {
                    done(Result<FetchedMedia>::failure(
                        QStringLiteral("WhatsApp did not give a download address for this "
                                       "file: %1")
                            .arg(textOf(info.value(QLatin1String("error")).toObject()))));
                    return;
                }
                if (info.value(QLatin1String("file_size")).toDouble() > double(maxBytes)) {
                    done(ProviderClient::tooLarge(maxBytes));
                    return;
                }
                QNetworkRequest req{QUrl(url)};
                req.setRawHeader("Authorization", auth);
                download(req, maxBytes, std::move(done));
            });
}

} // namespace shopdesk
