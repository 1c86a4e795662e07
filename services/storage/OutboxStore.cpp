#include "storage/OutboxStore.h"

#include "storage/ConversationStore.h"
#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

namespace {

// The customer's number and window come from per-row lookups by unique key rather than joins:
// a prepared statement's generic plan on a fresh PostgreSQL server (no statistics yet) joined
// contacts to the outbox by store alone and took 110 ms for three rows, so 5,000 queued
// messages drained at 68 a second; these lookups take well under a millisecond on any plan.
const QString kItemSelect = QStringLiteral(
    "SELECT o.id, o.tenant_id, o.channel_id, o.conversation_id, o.message_id, o.kind, o.payload, "
    "o.state, o.attempts, o.next_attempt_at, o.last_error, o.provider_message_id, o.created_at, "
    "(SELECT ct.phone FROM contacts ct WHERE ct.tenant_id = o.tenant_id AND ct.id = (SELECT "
    "c.contact_id FROM conversations c WHERE c.tenant_id = o.tenant_id AND c.id = "
    "o.conversation_id)), (SELECT c.last_customer_message_at FROM conversations c WHERE "
    "c.tenant_id = o.tenant_id AND c.id = o.conversation_id) FROM outbox o ");

OutboxItem itemFrom(const SqlRow &r)
{
    OutboxItem o;
    o.id = r[0].toLongLong();
    o.tenantId = r[1].toLongLong();
    o.channelId = r[2].toLongLong();
    o.conversationId = r[3].toLongLong();
    o.messageId = r[4].toLongLong();
    o.kind = r[5].toString();
    o.payloadJson = r[6].toString();
    o.state = outboxStateFromString(r[7].toString());
    o.attempts = r[8].toInt();
    o.nextAttemptAt = time(r[9]);
    o.lastError = r[10].toString();
    o.providerMessageId = r[11].toString();
    o.createdAt = time(r[12]);
    o.customer = r[13].toString();
    const QDateTime lastCustomer = time(r[14]);
    o.windowClosesAt = lastCustomer.isValid() ? lastCustomer.addSecs(24 * 3600) : QDateTime();
    return o;
}

qint64 messageIdOf(SqlBackend &db, qint64 tenantId, qint64 outboxId)
{
    const SqlRows rows =
        db.query(QStringLiteral("SELECT message_id FROM outbox WHERE tenant_id = ? AND id = ?"),
                 {tenantId, outboxId});
    if (rows.isEmpty())
        throw NotFound(QStringLiteral("Outbox row %1 does not exist in this store.").arg(outboxId));
    return rows.first()[0].toLongLong();
}

template<typename T> T take(Result<T> r)
{
    if (!r)
        throw SqlError(r.error());
    return std::move(r).value();
}

} // namespace

OutboxStore::OutboxStore(SqlBackend &db, ConversationStore &conversations, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_conversations(conversations)
{}

Result<OutboxStore::Enqueued> OutboxStore::enqueue(qint64 tenantId, qint64 channelId,
                                                   const Message &draft, const QString &kind,
                                                   const QString &payloadJson)
{
    auto result = guard([&] {
        return transaction(m_db, [&] {
            Message m = draft;
            m.direction = Direction::Outbound;
            m.status = MessageStatus::Queued;
            const Message stored = take(m_conversations.appendMessage(tenantId, m));
            const qint64 t = now();
            const SqlRows rows = m_db.query(
                QStringLiteral("INSERT INTO outbox (tenant_id, channel_id, conversation_id, "
                               "message_id, kind, payload, next_attempt_at, created_at, "
                               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                {tenantId, channelId, stored.conversationId, stored.id, kind, payloadJson, t, t,
                 t});
            return Enqueued{stored, rows.first()[0].toLongLong()};
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT enqueued(tenantId, result->outboxId); });
    return result;
}

namespace {

// " AND <column> NOT IN (?, ?)" and its values; nothing when no channel is skipped.
QString skipping(const QString &column, const QList<qint64> &channels, SqlParams &params)
{
    if (channels.isEmpty())
        return {};
    for (qint64 c : channels)
        params << c;
    return QStringLiteral(" AND ") + column + QStringLiteral(" NOT IN (") +
           valuesRows(channels.size(), QStringLiteral("?")) + QLatin1Char(')');
}

} // namespace

Result<QList<OutboxItem>> OutboxStore::claimDue(int limit, const QString &node,
                                                const QList<qint64> &skipChannels)
{
    return guard([&] {
        return transaction(m_db, [&] {
            const qint64 t = now();
            const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
            // Per conversation, only the oldest unfinished row is due: messages arrive in order.
            // Rows are taken oldest first along the (state, id) index ("+ 0" keeps the planner
            // off the due-time index, which would check every pending row before sorting).
            SqlParams params{t, node, t, t};
            const QString skip = skipping(QStringLiteral("o.channel_id"), skipChannels, params);
            params << limit;
            const SqlRows claimed = m_db.query(
                QStringLiteral(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_at = ?, "
                    "claimed_by = ?, updated_at = ? WHERE id IN (SELECT o.id FROM outbox o WHERE "
                    "o.state = "
                    "'pending' AND o.next_attempt_at + 0 <= ?") +
                    skip +
                    QStringLiteral(
                        " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.tenant_id = o.tenant_id "
                        "AND e.conversation_id = o.conversation_id AND e.id < o.id AND e.state IN "
                        "('pending', 'sending')) ORDER BY o.id LIMIT ?") +
                    (pg ? QStringLiteral(" FOR UPDATE SKIP LOCKED)") : QStringLiteral(")")) +
                    QStringLiteral(" RETURNING id"),
                params);
            QList<OutboxItem> items;
            if (claimed.isEmpty())
                return items;
            QString marks;
            SqlParams ids;
            for (const SqlRow &r : claimed) {
                marks += marks.isEmpty() ? QStringLiteral("?") : QStringLiteral(", ?");
                ids << r[0];
            }
            const SqlRows rows = m_db.query(kItemSelect + QStringLiteral("WHERE o.id IN (") +
                                                marks + QStringLiteral(") ORDER BY o.id"),
                                            ids);
            for (const SqlRow &r : rows)
                items.append(itemFrom(r));
            return items;
        });
    });
}

Result<OutboxStore::Counts> OutboxStore::counts()
{
    return guard([&] {
        Counts c;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT state, COUNT(*), MIN(next_attempt_at) FROM outbox WHERE state "
                           "IN ('pending', 'sending', 'failed') GROUP BY state"));
        for (const SqlRow &r : rows) {
            const QString state = r[0].toString();
            if (state == QLatin1String("pending")) {
                c.pending = r[1].toLongLong();
                c.earliestDue = time(r[2]);
            } else {
                (state == QLatin1String("sending") ? c.sending : c.failed) = r[1].toLongLong();
            }
        }
        return c;
    });
}

Result<QDateTime> OutboxStore::nextDueAt(const QList<qint64> &skipChannels)
{
    return guard([&] {
        SqlParams params;
        const QString skip = skipping(QStringLiteral("channel_id"), skipChannels, params);
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'") +
                skip,
            params);
        return rows.isEmpty() ? QDateTime() : time(rows.first()[0]);
    });
}

Status OutboxStore::markSentMany(const QList<SentRow> &rows)
{
    constexpr qsizetype kChunk = 250; // well under every backend's parameter limit
    return guard([&] {
        return transaction(m_db, [&] {
            const qint64 t = now();
            for (qsizetype from = 0; from < rows.size(); from += kChunk) {
                const QList<SentRow> chunk = rows.mid(from, kChunk);
                SqlParams params;
                QList<ConversationStore::ProviderReceipt> receipts;
                for (const SentRow &r : chunk) {
                    params << r.tenantId << r.outboxId << r.providerMessageId;
                    receipts.append({r.tenantId, r.messageId, r.providerMessageId});
                }
                params << t;
                m_db.exec(QStringLiteral("WITH v(vt, vo, vp) AS (VALUES ") +
                              valuesRows(chunk.size(),
                                         QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT), "
                                                        "CAST(? AS TEXT))")) +
                              QStringLiteral(") UPDATE outbox SET state = 'sent', "
                                             "provider_message_id = v.vp, last_error = '', "
                                             "updated_at = ? FROM v WHERE outbox.tenant_id = "
                                             "v.vt AND outbox.id = v.vo"),
                          params);
                if (auto marked = m_conversations.markSentMany(receipts, QDateTime()); !marked)
                    throw SqlError(marked.error(), marked.errorKind());
            }
            return Done{};
        });
    });
}

Status OutboxStore::retryLater(qint64 tenantId, qint64 outboxId, const QDateTime &at,
                               const QString &error)
{
    return guard([&] {
        m_db.exec(QStringLiteral("UPDATE outbox SET state = 'pending', next_attempt_at = ?, "
                                 "last_error = ?, updated_at = ? WHERE tenant_id = ? AND id = ? "
                                 "AND state = 'sending'"),
                  {at.toMSecsSinceEpoch(), error, now(), tenantId, outboxId});
        return Done{};
    });
}

Result<Message> OutboxStore::markFailed(qint64 tenantId, qint64 outboxId, const QString &reason)
{
    return guard([&] {
        return transaction(m_db, [&] {
            const qint64 messageId = messageIdOf(m_db, tenantId, outboxId);
            m_db.exec(QStringLiteral("UPDATE outbox SET state = 'failed', last_error = ?, "
                                     "updated_at = ? WHERE tenant_id = ? AND id = ?"),
                      {reason, now(), tenantId, outboxId});
            take(m_conversations.advanceStatus(tenantId, messageId, MessageStatus::Failed,
                                               QDateTime::currentDateTimeUtc(), reason));
            return take(m_conversations.message(tenantId, messageId));
        });
    });
}

Result<Message> OutboxStore::markInterrupted(qint64 tenantId, qint64 outboxId,
                                             const QString &reason)
{
    return guard([&] {
        return transaction(m_db, [&] {
            const qint64 messageId = messageIdOf(m_db, tenantId, outboxId);
            m_db.exec(QStringLiteral("UPDATE outbox SET state = 'interrupted', last_error = ?, "
                                     "updated_at = ? WHERE tenant_id = ? AND id = ? AND state = "
                                     "'sending'"),
                      {reason, now(), tenantId, outboxId});
            take(m_conversations.advanceStatus(tenantId, messageId, MessageStatus::Failed,
                                               QDateTime::currentDateTimeUtc(), reason));
            return take(m_conversations.message(tenantId, messageId));
        });
    });
}

Result<QList<Message>> OutboxStore::interruptStale(const QDateTime &claimedBefore,
                                                   const QString &node)
{
    static const QString reason = QStringLiteral(
        "Shopdesk stopped while sending this message, so it may or may not have reached the "
        "customer. It was not sent again, to avoid a duplicate. Check the chat on your phone, "
        "or send it again.");
    return guard([&] {
        return transaction(m_db, [&] {
            const SqlRows rows = m_db.query(
                QStringLiteral("UPDATE outbox SET state = 'interrupted', last_error = ?, "
                               "updated_at = ? WHERE state = 'sending' AND (claimed_at < ? OR "
                               "(claimed_by = ? AND claimed_by <> '')) "
                               "RETURNING tenant_id, message_id"),
                {reason, now(), claimedBefore.toMSecsSinceEpoch(), node});
            QList<Message> messages;
            for (const SqlRow &r : rows) {
                take(m_conversations.advanceStatus(r[0].toLongLong(), r[1].toLongLong(),
                                                   MessageStatus::Failed,
                                                   QDateTime::currentDateTimeUtc(), reason));
                messages.append(
                    take(m_conversations.message(r[0].toLongLong(), r[1].toLongLong())));
            }
            return messages;
        });
    });
}

Result<std::optional<Message>> OutboxStore::reconcile(qint64 tenantId, qint64 outboxId,
                                                      const QString &providerMessageId)
{
    return guard([&]() -> std::optional<Message> {
        return transaction(m_db, [&]() -> std::optional<Message> {
            const SqlRows rows = m_db.query(
                QStringLiteral("UPDATE outbox SET state = 'sent', provider_message_id = ?, "
                               "last_error = '', updated_at = ? WHERE tenant_id = ? AND id = ? "
                               "AND state IN ('interrupted', 'sending') RETURNING message_id"),
                {providerMessageId, now(), tenantId, outboxId});
            if (rows.isEmpty())
                return std::nullopt;
            const qint64 messageId = rows.first()[0].toLongLong();
            // The bubble said "failed: interrupted"; it did go out after all.
            m_db.exec(QStringLiteral("UPDATE messages SET status = 'sent', failure_reason = '', "
                                     "failed_at = NULL, provider_message_id = ? WHERE tenant_id = "
                                     "? AND id = ?"),
                      {providerMessageId, tenantId, messageId});
            return take(
                m_conversations.setProviderMessageId(tenantId, messageId, providerMessageId));
        });
    });
}

Result<QList<OutboxItem>> OutboxStore::items(qint64 tenantId, int limit)
{
    return guard([&] {
        QList<OutboxItem> list;
        for (const SqlRow &r :
             m_db.query(kItemSelect + QStringLiteral("WHERE o.tenant_id = ? "
                                                     "ORDER BY o.id DESC LIMIT ?"),
                        {tenantId, limit}))
            list.append(itemFrom(r));
        return list;
    });
}

} // namespace shopdesk
