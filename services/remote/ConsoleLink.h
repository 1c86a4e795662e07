#pragma once

#include <QObject>
#include <QWebSocketProtocol>

#include <memory>

class QWebSocket;

namespace shopdesk {

// One remote console's WebSocket on the network thread, where the HTTP server accepted it (a
// socket stays on its thread): text frames in as `received`, out through sendText, both queued
// across to the engine's thread. Deleted by its ConsoleSession (deleteLater), never by itself.
class ConsoleLink : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleLink(std::unique_ptr<QWebSocket> socket);
    ~ConsoleLink() override;

    QString path() const;                          // what the console asked for (/api/ws)
    const QString &peer() const { return m_peer; } // its address, fixed at the start
    void sendText(const QString &text);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

Q_SIGNALS:
    void received(const QString &text);
    void closed();

private:
    std::unique_ptr<QWebSocket> m_socket;
    const QString m_peer;
};

} // namespace shopdesk
