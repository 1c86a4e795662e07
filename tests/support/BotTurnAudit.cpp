#include "BotTurnAudit.h"

#include "storage/SqlBackend.h"
#include "storage/Store.h"

#include <QHash>

namespace shopdesk::test {

BotTurnAudit::BotTurnAudit(Store &store, qint64 tenantId)
    : m_store(store)
    , m_tenant(tenantId)
{}

int BotTurnAudit::count(const QString &sql)
{
    try {
        SqlBackend &db = sql.contains(QLatin1String("inbound_events")) ? m_store.inboxBackend()
                                                                       : m_store.backend();
        const SqlRows rows = db.query(sql, {m_tenant});
        return rows.isEmpty() ? -1 : rows.first().at(0).toInt();
    } catch (const std::exception &) {
        return -1;
    }
}

int BotTurnAudit::turns()
{
    return count(QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE tenant_id = ?"));
}

bool BotTurnAudit::settled(int expectedMessages)
{
    return count(QStringLiteral("SELECT COUNT(*) FROM inbound_events WHERE tenant_id = ? AND "
                                "processed_at IS NULL")) == 0 &&
           count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND "
                                "bot_pending = 1")) == 0 &&
           count(QStringLiteral("SELECT COUNT(DISTINCT message_id) FROM execution_traces WHERE "
                                "tenant_id = ?")) >= expectedMessages;
}

QString BotTurnAudit::problems(int expectedMessages)
{
    QStringList found;
    const SqlRows stored = m_store.backend().query(
        QStringLiteral("SELECT provider_message_id, COUNT(*) FROM messages WHERE tenant_id = ? "
                       "AND direction = 'in' GROUP BY provider_message_id"),
        {m_tenant});
    if (stored.size() != expectedMessages)
        found << QStringLiteral("%1 customer messages stored, %2 delivered")
                     .arg(stored.size())
                     .arg(expectedMessages);
    for (const SqlRow &r : stored) {
        if (r[1].toInt() != 1)
            found << QStringLiteral("%1 stored %2 times").arg(r[0].toString()).arg(r[1].toInt());
    }
    const int waiting = count(
        QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND bot_pending = 1"));
    if (waiting != 0)
        found << QStringLiteral("%1 messages still waiting for the bot").arg(waiting);
    const int unanswered = count(QStringLiteral(
        "SELECT COUNT(*) FROM messages m WHERE m.tenant_id = ? AND m.direction = 'in' AND NOT "
        "EXISTS (SELECT 1 FROM execution_traces t WHERE t.tenant_id = m.tenant_id AND "
        "t.message_id = m.id)"));
    if (unanswered != 0)
        found << QStringLiteral("%1 messages never had a bot turn").arg(unanswered);
    const int twice = count(QStringLiteral(
        "SELECT COUNT(*) FROM (SELECT message_id FROM execution_traces WHERE tenant_id = ? GROUP "
        "BY message_id HAVING COUNT(*) > 1) d"));
    if (twice != 0)
        found << QStringLiteral("%1 messages had two bot turns").arg(twice);
    // Turns of each chat in the order of its messages.
    const SqlRows turns = m_store.backend().query(
        QStringLiteral("SELECT conversation_id, message_id FROM execution_traces WHERE "
                       "tenant_id = ? ORDER BY id"),
        {m_tenant});
    QHash<qint64, qint64> last;
    int outOfOrder = 0;
    for (const SqlRow &r : turns) {
        const qint64 chat = r[0].toLongLong();
        const qint64 message = r[1].toLongLong();
        if (last.value(chat, 0) > message)
            ++outOfOrder;
        last.insert(chat, message);
    }
    if (outOfOrder != 0)
        found << QStringLiteral("%1 turns answered a chat out of order").arg(outOfOrder);
    return found.join(QStringLiteral("; "));
}

} // namespace shopdesk::test
