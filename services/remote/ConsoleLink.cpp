#include "remote/ConsoleLink.h"

#include <QWebSocket>

namespace shopdesk {

namespace {
constexpr qint64 kMaxRequestBytes = 1 << 20;
}

ConsoleLink::ConsoleLink(std::unique_ptr<QWebSocket> socket)
    : m_socket(std::move(socket))
    , m_peer(m_socket->peerAddress().toString())
{
    m_socket->setMaxAllowedIncomingMessageSize(kMaxRequestBytes);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &ConsoleLink::received);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &ConsoleLink::closed);
}

ConsoleLink::~ConsoleLink()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

QString ConsoleLink::path() const
{
    return m_socket->requestUrl().path();
}

void ConsoleLink::sendText(const QString &text)
{
    m_socket->sendTextMessage(text);
}

void ConsoleLink::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_socket->close(code, reason);
}

} // namespace shopdesk
