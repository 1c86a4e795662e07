#pragma once

#include "core/Result.h"
#include "domain/Message.h"
#include "domain/OutboxItem.h"

#include <QObject>

namespace shopdesk {

class SqlBackend;
class ConversationStore;

// The durable outbox. A message to a customer is written here together with its chat bubble,
// in one transaction; the sender claims due rows, sends each once, and records what happened.
class OutboxStore : public QObject
{
    Q_OBJECT
public:
    OutboxStore(SqlBackend &db, ConversationStore &conversations, QObject *parent = nullptr);

    struct Enqueued
    {
        Message message;
        qint64 outboxId = 0;
    };
    // `draft` is the outbound message as the chat shows it; kind and payload say what to send.
    Result<Enqueued> enqueue(qint64 tenantId, qint64 channelId, const Message &draft,
                             const QString &kind, const QString &payloadJson);

    // Marks up to `limit` due rows as being sent and returns them (SKIP LOCKED on PostgreSQL, so
    // several engine nodes never claim the same row).
    // `node` names the engine that claims them (see interruptStale).
    // skipChannels: channels whose provider cannot be reached just now (the sender waits).
    Result<QList<OutboxItem>> claimDue(int limit, const QString &node = {},
                                       const QList<qint64> &skipChannels = {});
    // The earliest time a pending row is due; invalid when nothing is pending.
    Result<QDateTime> nextDueAt(const QList<qint64> &skipChannels = {});
    // Across all stores (the node's health): rows waiting, being sent and failed, and the due
    // time of the earliest waiting one (invalid when none waits).
    struct Counts
    {
        qint64 pending = 0;
        qint64 sending = 0;
        qint64 failed = 0;
        QDateTime earliestDue;
    };
    Result<Counts> counts();

    // The provider accepted these rows; their bubbles become 'sent'. One transaction and a few
    // statements for the whole batch, whichever stores the rows belong to.
    struct SentRow
    {
        qint64 tenantId = 0;
        qint64 outboxId = 0;
        qint64 messageId = 0;
        QString providerMessageId;
    };
    Status markSentMany(const QList<SentRow> &rows);
    Status retryLater(qint64 tenantId, qint64 outboxId, const QDateTime &at, const QString &error);
    Result<Message> markFailed(qint64 tenantId, qint64 outboxId, const QString &reason);

    // The provider never answered: the row may or may not have gone out. Not retried.
    Result<Message> markInterrupted(qint64 tenantId, qint64 outboxId, const QString &reason);
    // Rows left in 'sending' by an engine that stopped mid-send become 'interrupted': never sent
    // again blindly; their bubbles say what happened. That is every row this node claimed
    // before it started again, and any row claimed before `claimedBefore` (a node that died).
    Result<QList<Message>> interruptStale(const QDateTime &claimedBefore, const QString &node = {});
    // A provider status named our outbox row (Meta's biz_opaque_callback_data, Twilio's status
    // callback URL): an interrupted row that did reach the provider becomes sent after all.
    Result<std::optional<Message>> reconcile(qint64 tenantId, qint64 outboxId,
                                             const QString &providerMessageId);

    Result<QList<OutboxItem>> items(qint64 tenantId, int limit = 200);

Q_SIGNALS:
    void enqueued(qint64 tenantId, qint64 outboxId);

private:
    SqlBackend &m_db;
    ConversationStore &m_conversations;
};

} // namespace shopdesk
