#pragma once

#include "remote/ConsoleSession.h"
#include "remote/ConsoleTokens.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace shopdesk {

struct Conversation;
struct Message;

// The remote console's API on `shopdesk-cli serve`: WebSockets opened on the webhook port at
// /api/ws become ConsoleSessions; the store's live changes go to the sessions signed in to
// that store (and no other). Lives on the engine's thread.
class ConsoleApi : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kPath = "/api/ws";

    ConsoleApi(ConsoleServices services, qint64 tokenLifetimeSeconds, QObject *parent = nullptr);
    ~ConsoleApi() override;

    // Takes a console's link (on the network thread, its path checked) as a new session.
    void accept(ConsoleLink *link);
    int sessionCount() const { return int(m_sessions.size()); }
    int signedInCount() const;
    qint64 tokenLifetimeSeconds() const { return m_tokens.lifetimeSeconds(); }

Q_SIGNALS:
    void signedInChanged(int consoles); // remote consoles signed in now (for /healthz)

private:
    void countSignedIn();
    void toStore(qint64 tenantId, const QString &event, const QJsonObject &data);
    void onMessagesAppended(qint64 tenantId, qint64 conversationId, const QList<Message> &messages);
    void onConversationChanged(qint64 tenantId, const Conversation &conversation);
    void onMessageUpdated(qint64 tenantId, const Message &message);

    ConsoleServices m_services;
    ConsoleTokens m_tokens;
    QList<QPointer<ConsoleSession>> m_sessions;
};

} // namespace shopdesk
