#include "storage/BotQueueStore.h"

#include "storage/Rows.h"
#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

BotQueueStore::BotQueueStore(SqlBackend &db)
    : m_db(db)
{}

Status BotQueueStore::enqueue(qint64 tenantId, const QList<qint64> &messageIds)
{
    if (messageIds.isEmpty())
        return success();
    return guard([&] {
        QString marks;
        SqlParams params{tenantId};
        for (const qint64 id : messageIds) {
            marks += marks.isEmpty() ? QStringLiteral("?") : QStringLiteral(", ?");
            params << id;
        }
        m_db.exec(QStringLiteral("UPDATE messages SET bot_pending = 1 WHERE tenant_id = ? AND "
                                 "id IN (%1)")
                      .arg(marks),
                  params);
        return Done{};
    });
}

Result<QList<BotQueueStore::Chat>> BotQueueStore::available(const QString &node, int limit)
{
    return guard([&] {
        const SqlRows rows =
            leased()
                ? m_db.query(QStringLiteral(
                                 "SELECT m.tenant_id, m.conversation_id, MIN(m.id) AS first FROM "
                                 "messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND "
                                 "c.id = m.conversation_id WHERE m.bot_pending = 1 AND (c.bot_node "
                                 "IS NULL OR c.bot_node = ? OR c.bot_lease_until < ?) GROUP BY "
                                 "m.tenant_id, m.conversation_id ORDER BY first LIMIT ?"),
                             {node, now(), limit})
                : m_db.query(QStringLiteral("SELECT tenant_id, conversation_id, MIN(id) AS first "
                                            "FROM messages WHERE bot_pending = 1 GROUP BY "
                                            "tenant_id, conversation_id ORDER BY first LIMIT ?"),
                             {limit});
        QList<Chat> chats;
        for (const SqlRow &r : rows)
            chats.append({r[0].toLongLong(), r[1].toLongLong()});
        return chats;
    });
}

bool BotQueueStore::leased() const
{
    return m_db.dialect() == SqlBackend::Dialect::Postgres;
}

Result<bool> BotQueueStore::claim(const Chat &chat, const QString &node, qint64 leaseMs)
{
    if (!leased())
        return true;
    return guard([&] {
        const qint64 t = now();
        const SqlRows rows = m_db.query(
            QStringLiteral("UPDATE conversations SET bot_node = ?, bot_lease_until = ? WHERE "
                           "tenant_id = ? AND id = ? AND (bot_node IS NULL OR bot_node = ? OR "
                           "bot_lease_until < ?) RETURNING id"),
            {node, t + leaseMs, chat.tenantId, chat.conversationId, node, t});
        return !rows.isEmpty();
    });
}

Status BotQueueStore::release(const Chat &chat, const QString &node)
{
    if (!leased())
        return success();
    return guard([&] {
        m_db.exec(QStringLiteral("UPDATE conversations SET bot_node = NULL, bot_lease_until = "
                                 "NULL WHERE tenant_id = ? AND id = ? AND bot_node = ?"),
                  {chat.tenantId, chat.conversationId, node});
        return Done{};
    });
}

Result<std::optional<Message>> BotQueueStore::next(const Chat &chat)
{
    return guard([&]() -> std::optional<Message> {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + messageColumns() +
                QStringLiteral(" FROM messages WHERE tenant_id = ? AND conversation_id = ? AND "
                               "bot_pending = 1 ORDER BY id LIMIT 1"),
            {chat.tenantId, chat.conversationId});
        if (rows.isEmpty())
            return std::nullopt;
        return messageFrom(rows.first());
    });
}

Result<BotQueueStore::Taken> BotQueueStore::take(qint64 tenantId, qint64 messageId)
{
    return guard([&] {
        // 0: not queued, 1: waiting, 2: answered.
        const SqlRows taken = m_db.query(
            QStringLiteral("UPDATE messages SET bot_pending = 2 WHERE tenant_id = ? AND id = ? "
                           "AND bot_pending = 1 RETURNING id"),
            {tenantId, messageId});
        if (!taken.isEmpty())
            return Taken::Taken;
        const SqlRows state =
            m_db.query(QStringLiteral("SELECT bot_pending FROM messages WHERE tenant_id = ? AND "
                                      "id = ?"),
                       {tenantId, messageId});
        return !state.isEmpty() && state.first().at(0).toInt() == 2 ? Taken::AlreadyAnswered
                                                                    : Taken::NotQueued;
    });
}

Result<int> BotQueueStore::waiting()
{
    return guard([&] {
        const SqlRows rows =
            m_db.query(QStringLiteral("SELECT COUNT(*) FROM messages WHERE bot_pending = 1"));
        return rows.isEmpty() ? 0 : rows.first().at(0).toInt();
    });
}

} // namespace shopdesk
