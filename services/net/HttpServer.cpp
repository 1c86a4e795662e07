#include "net/HttpServer.h"

#include <QAbstractHttpServer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

namespace shopdesk {

class HttpReply::Channel
{
public:
    virtual ~Channel() = default;
    void send(const HttpResponse &r)
    {
        if (m_answered)
            return;
        m_answered = true;
        deliver(r);
    }
    bool answered() const { return m_answered; }

protected:
    virtual void deliver(const HttpResponse &r) = 0;

private:
    bool m_answered = false;
};

namespace {

class ResponderChannel : public HttpReply::Channel
{
public:
    explicit ResponderChannel(QHttpServerResponder &&responder)
        : m_responder(std::move(responder))
        , m_socket(m_responder.socket())
    {}

protected:
    void deliver(const HttpResponse &r) override
    {
        if (!m_socket) // the client went away; nothing to answer
            return;
        const auto status = static_cast<QHttpServerResponder::StatusCode>(r.status);
        if (r.headers.isEmpty()) {
            m_responder.write(r.body, r.contentType, status);
            return;
        }
        m_responder.writeStatusLine(status);
        m_responder.writeHeader("Content-Type", r.contentType);
        m_responder.writeHeader("Content-Length", QByteArray::number(r.body.size()));
        for (const auto &[name, value] : r.headers)
            m_responder.writeHeader(name, value);
        m_responder.writeBody(r.body);
    }

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
};

class CallbackChannel : public HttpReply::Channel
{
public:
    explicit CallbackChannel(std::function<void(const HttpResponse &)> f)
        : m_f(std::move(f))
    {}

protected:
    void deliver(const HttpResponse &r) override
    {
        if (m_f)
            m_f(r);
    }

private:
    std::function<void(const HttpResponse &)> m_f;
};

} // namespace

HttpReply HttpReply::toCallback(std::function<void(const HttpResponse &)> deliver)
{
    return HttpReply(std::make_shared<CallbackChannel>(std::move(deliver)));
}

HttpReply::HttpReply(std::shared_ptr<Channel> channel)
    : m_channel(std::move(channel))
{}
HttpReply::HttpReply(HttpReply &&) noexcept = default;
HttpReply &HttpReply::operator=(HttpReply &&) noexcept = default;

HttpReply::~HttpReply()
{
    if (m_channel && !m_channel->answered() && m_channel.use_count() == 1)
        m_channel->send(HttpResponse::text(500, QStringLiteral("The request was not answered.")));
}

void HttpReply::send(const HttpResponse &response)
{
    if (m_channel)
        m_channel->send(response);
}

bool HttpReply::answered() const
{
    return !m_channel || m_channel->answered();
}

class HttpServer::Backend : public QAbstractHttpServer
{
public:
    explicit Backend(HttpServer &owner)
        : m_owner(owner)
    {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        // A WebSocket request: Qt upgrades the connection when this says "handled" and writes
        // nothing (the socket handler gets it, and closes paths it does not serve).
        if (m_owner.m_webSocketHandler && isWebSocketUpgrade(request))
            return true;
        HttpRequest r;
        switch (request.method()) {
        case QHttpServerRequest::Method::Get:
            r.method = "GET";
            break;
        case QHttpServerRequest::Method::Post:
            r.method = "POST";
            break;
        case QHttpServerRequest::Method::Put:
            r.method = "PUT";
            break;
        case QHttpServerRequest::Method::Delete:
            r.method = "DELETE";
            break;
        case QHttpServerRequest::Method::Head:
            r.method = "HEAD";
            break;
        default:
            r.method = "OTHER";
            break;
        }
        r.url = request.url();
        r.headers = request.headers();
        r.body = request.body();
        r.peer = request.remoteAddress();
        HttpReply reply(std::make_shared<ResponderChannel>(makeResponder(request, socket)));
        if (m_owner.m_handler)
            m_owner.m_handler(r, std::move(reply));
        else
            reply.send(HttpResponse::text(503, QStringLiteral("Not ready.")));
        return true;
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    static bool isWebSocketUpgrade(const QHttpServerRequest &request)
    {
        for (const auto &[name, value] : request.headers()) {
            if (name.compare("upgrade", Qt::CaseInsensitive) == 0 &&
                value.compare("websocket", Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    HttpServer &m_owner;
};

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
{}

HttpServer::~HttpServer() = default;

void HttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void HttpServer::setWebSocketHandler(WebSocketHandler handler)
{
    m_webSocketHandler = std::move(handler);
}

Result<quint16> HttpServer::listen(const QHostAddress &address, quint16 port, const Tls &tls)
{
    close();
    m_backend = std::make_unique<Backend>(*this);
    if (m_webSocketHandler) {
        // QAbstractHttpServer upgrades a request only while this signal has a receiver.
        connect(m_backend.get(), &QAbstractHttpServer::newWebSocketConnection, this, [this] {
            while (m_backend && m_backend->hasPendingWebSocketConnections()) {
                std::unique_ptr<QWebSocket> socket = m_backend->nextPendingWebSocketConnection();
                if (socket && m_webSocketHandler)
                    m_webSocketHandler(std::move(socket));
            }
        });
    }
    if (tls.enabled()) {
        QFile certFile(tls.certificateFile);
        QFile keyFile(tls.keyFile);
        if (!certFile.open(QIODevice::ReadOnly))
            return Result<quint16>::failure(tr("Cannot read the TLS certificate %1: %2")
                                                .arg(tls.certificateFile, certFile.errorString()));
        if (!keyFile.open(QIODevice::ReadOnly))
            return Result<quint16>::failure(
                tr("Cannot read the TLS key %1: %2").arg(tls.keyFile, keyFile.errorString()));
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        }
        if (certificate.isNull() || key.isNull())
            return Result<quint16>::failure(
                tr("The TLS certificate or key is not a valid PEM file."));
        m_backend->sslSetup(certificate, key);
    }
    const quint16 bound = m_backend->listen(address, port);
    if (bound == 0) {
        m_backend.reset();
        return Result<quint16>::failure(
            tr("Cannot listen on %1:%2. Is another program using that port?")
                .arg(address.toString())
                .arg(port));
    }
    m_port = bound;
    return bound;
}

void HttpServer::close()
{
    m_backend.reset();
    m_port = 0;
}

} // namespace shopdesk
