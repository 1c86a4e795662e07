#pragma once

#include "core/Result.h"
#include "net/HttpRequest.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

class QWebSocket;

namespace shopdesk {

// Answers one request, once, whenever the engine is ready (after the event is recorded).
// Move-only; dropping it unanswered answers 500 so no client waits forever.
class HttpReply
{
public:
    class Channel;
    explicit HttpReply(std::shared_ptr<Channel> channel);
    // For requests made inside the engine (the simulator): the answer goes to `deliver`.
    static HttpReply toCallback(std::function<void(const HttpResponse &)> deliver);
    HttpReply(HttpReply &&) noexcept;
    HttpReply &operator=(HttpReply &&) noexcept;
    HttpReply(const HttpReply &) = delete;
    HttpReply &operator=(const HttpReply &) = delete;
    ~HttpReply();

    void send(const HttpResponse &response);
    bool answered() const;

private:
    std::shared_ptr<Channel> m_channel;
};

// The engine's HTTP server: the one class that touches QtHttpServer, whose API changed after
// Qt 6.4. Plain HTTP, or HTTPS with a certificate and key in PEM files.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, HttpReply)>;
    // A WebSocket opened on the same port (any path; the handler looks at requestUrl()). The
    // handler owns it from then on. Without one, upgrade requests are refused.
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket>)>;

    struct Tls
    {
        QString certificateFile;
        QString keyFile;
        bool enabled() const { return !certificateFile.isEmpty(); }
    };

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler);
    void setWebSocketHandler(WebSocketHandler handler);
    // Port 0 picks a free one; the port actually used is returned.
    Result<quint16> listen(const QHostAddress &address, quint16 port, const Tls &tls = {});
    quint16 port() const { return m_port; }
    bool isListening() const { return m_port != 0; }
    void close();

private:
    class Backend;
    std::unique_ptr<Backend> m_backend;
    Handler m_handler;
    WebSocketHandler m_webSocketHandler;
    quint16 m_port = 0;
};

} // namespace shopdesk
