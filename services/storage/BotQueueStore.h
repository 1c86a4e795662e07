#pragma once

#include "core/Result.h"
#include "domain/Message.h"

#include <QList>
#include <QString>

#include <optional>

namespace shopdesk {

class SqlBackend;

// The bot's durable queue. A customer's message is queued in the transaction that stores it
// and leaves the queue in the transaction that answers it, so a crash between the two leaves it
// queued for the next node. A chat is answered by one engine node at a time: the node holds a
// lease on the conversation (renewed each turn) and gives it back when its queue is empty; a
// node that died loses its leases when they expire, and gets its own back at once on restart.
// Leases are PostgreSQL's: a SQLite file has one engine, so there claim() always succeeds and
// writes nothing.
class BotQueueStore
{
public:
    struct Chat
    {
        qint64 tenantId = 0;
        qint64 conversationId = 0;
    };

    explicit BotQueueStore(SqlBackend &db);

    Status enqueue(qint64 tenantId, const QList<qint64> &messageIds);
    // Chats with waiting messages that `node` may take (not held, held by it, or an expired
    // lease), the longest-waiting first, across stores.
    Result<QList<Chat>> available(const QString &node, int limit);
    // Takes or renews the chat's lease until nowMs + leaseMs; false when another node holds it.
    Result<bool> claim(const Chat &chat, const QString &node, qint64 leaseMs);
    Status release(const Chat &chat, const QString &node);
    // The chat's oldest waiting message.
    Result<std::optional<Message>> next(const Chat &chat);
    enum class Taken {
        Taken,           // it was waiting: this turn answers it
        AlreadyAnswered, // another turn (another node) answered it first: send nothing
        NotQueued,       // never queued (a message from before the queue, a direct caller)
    };
    // Inside the answering turn's transaction: takes the message off the queue.
    Result<Taken> take(qint64 tenantId, qint64 messageId);
    // Messages waiting for the bot, across stores.
    Result<int> waiting();

private:
    bool leased() const; // shared mode: chats are leased to nodes
    SqlBackend &m_db;
};

} // namespace shopdesk
