#include "FakeProviderServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace shopdesk::test {

QByteArray FakeProviderServer::Recorded::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

FakeProviderServer::FakeProviderServer(Provider provider, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
{
    m_server.setHandler(
        [this](const HttpRequest &request, HttpReply reply) { handle(request, std::move(reply)); });
}

quint16 FakeProviderServer::start(quint16 port)
{
    auto bound = m_server.listen(QHostAddress::LocalHost, port);
    return bound ? bound.value() : 0;
}

QString FakeProviderServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.port());
}

FakeProviderServer::Scripted FakeProviderServer::metaError(int http, int code,
                                                           const QString &message)
{
    const QJsonObject error{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("message"), message},
                                         {QStringLiteral("type"), QStringLiteral("OAuthException")},
                                         {QStringLiteral("code"), code},
                                         {QStringLiteral("error_data"),
                                          QJsonObject{{QStringLiteral("details"), message}}}}}};
    return {http, QJsonDocument(error).toJson(QJsonDocument::Compact), {}, false};
}

FakeProviderServer::Scripted FakeProviderServer::twilioError(int http, int code,
                                                             const QString &message)
{
    const QJsonObject error{{QStringLiteral("code"), code},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("status"), http}};
    return {http, QJsonDocument(error).toJson(QJsonDocument::Compact), {}, false};
}

bool FakeProviderServer::isSend(const QByteArray &method, const QString &path)
{
    return method == "POST" && (path.endsWith(QLatin1String("/messages")) ||
                                path.endsWith(QLatin1String("/Messages.json")) ||
                                path.contains(QLatin1String("/message/send")));
}

bool FakeProviderServer::isReadMark(const Recorded &r)
{
    // Meta's mark-as-read (and typing indicator) goes to /messages too: it is not a send.
    return r.method == "POST" && r.path.endsWith(QLatin1String("/messages")) &&
           QJsonDocument::fromJson(r.body).object().value(QLatin1String("status")).toString() ==
               QLatin1String("read");
}

QList<FakeProviderServer::Recorded> FakeProviderServer::sends() const
{
    QList<Recorded> out;
    for (const Recorded &r : m_requests) {
        if (isSend(r.method, r.path) && !isReadMark(r))
            out.append(r);
    }
    return out;
}

QList<FakeProviderServer::Recorded> FakeProviderServer::readMarks() const
{
    QList<Recorded> out;
    for (const Recorded &r : m_requests) {
        if (isReadMark(r))
            out.append(r);
    }
    return out;
}

void FakeProviderServer::setMedia(const QByteArray &data, const QByteArray &mime)
{
    m_media = data;
    m_mediaMime = mime;
}

void FakeProviderServer::handle(const HttpRequest &request, HttpReply reply)
{
    Recorded r{request.method, request.path(), request.headers, request.body,
               QDateTime::currentDateTimeUtc()};
    m_requests.append(r);
    Q_EMIT requested(r);
    if (isReadMark(r)) {
        reply.send({200, "application/json", R"({"success":true})", {}});
        return;
    }
    const bool send = isSend(r.method, r.path);
    m_sendCount += send ? 1 : 0;
    if (send && !m_script.empty()) {
        const Scripted s = m_script.front();
        m_script.pop_front();
        if (s.neverAnswer) {
            m_held.push_back(std::make_unique<HttpReply>(std::move(reply)));
            return;
        }
        reply.send({s.status, "application/json", s.body, s.headers});
        return;
    }
    if (send && m_delayMs > 0) {
        auto held = std::make_shared<HttpReply>(std::move(reply));
        const HttpResponse answer = success(request);
        QTimer::singleShot(m_delayMs, this, [held, answer] { held->send(answer); });
        return;
    }
    reply.send(success(request));
}

HttpResponse FakeProviderServer::success(const HttpRequest &request)
{
    const QString path = request.path();
    if (path.startsWith(QLatin1String("/media/"))) // a media download
        return {200, m_mediaMime, m_media, {}};
    ++m_counter;
    QJsonObject body;
    int status = 200;
    switch (m_provider) {
    case Provider::Meta:
        if (request.method == "GET" && path.count(QLatin1Char('/')) == 2 &&
            !path.contains(QLatin1String("phone"))) { // GET /{version}/{media id}
            body = {{QStringLiteral("url"), QString(baseUrl() + QStringLiteral("/media/") +
                                                    path.section(QLatin1Char('/'), -1))},
                    {QStringLiteral("mime_type"), QString::fromLatin1(m_mediaMime)},
                    {QStringLiteral("file_size"), qint64(m_media.size())}};
        } else if (request.method == "GET") {
            body = {{QStringLiteral("display_phone_number"), QStringLiteral("15550001111")},
                    {QStringLiteral("verified_name"), QStringLiteral("Test Store")}};
        } else if (path.endsWith(QLatin1String("/media"))) {
            body = {{QStringLiteral("id"), QStringLiteral("media-%1").arg(m_counter)}};
        } else {
            body = {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                    {QStringLiteral("messages"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("id"), QStringLiteral("wamid.fake.%1").arg(m_counter)}}}}};
        }
        break;
    case Provider::Twilio:
        status = request.method == "POST" ? 201 : 200;
        body = {{QStringLiteral("sid"), QStringLiteral("SMfake%1").arg(m_counter)},
                {QStringLiteral("status"), QStringLiteral("queued")}};
        break;
    case Provider::Evolution:
        status = request.method == "POST" ? 201 : 200;
        if (path.contains(QLatin1String("connectionState")))
            body = {{QStringLiteral("instance"),
                     QJsonObject{{QStringLiteral("state"), QStringLiteral("open")}}}};
        else if (path.contains(QLatin1String("getBase64FromMediaMessage")))
            body = {{QStringLiteral("base64"), QString::fromLatin1(m_media.toBase64())},
                    {QStringLiteral("mimetype"), QString::fromLatin1(m_mediaMime)}};
        else
            body = {
                {QStringLiteral("key"),
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("EVFAKE%1").arg(m_counter)}}},
                {QStringLiteral("status"), QStringLiteral("PENDING")}};
        break;
    }
    return {status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

} // namespace shopdesk::test
