#include "analytics/ReportQueries.h"

#include "analytics/LocalTimeSql.h"
#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"

namespace shopdesk {

namespace {

qint64 i64(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

} // namespace

ReportQueries::ReportQueries(SqlBackend &db, qint64 tenantId, const ReportRange &range)
    : m_db(db)
    , m_tenant(tenantId)
    , m_range(range)
{}

QString ReportQueries::channelFilter(const QString &conversationColumn, QVariantList &params) const
{
    if (m_range.channelId <= 0)
        return {};
    params << m_tenant << m_range.channelId;
    return QStringLiteral(" AND %1 IN (SELECT id FROM conversations WHERE tenant_id = ? AND "
                          "channel_id = ?)")
        .arg(conversationColumn);
}

QList<ReportQueries::DayCount> ReportQueries::customerMessagesByDay()
{
    const LocalTimeSql local(m_range, QStringLiteral("created_at"));
    QVariantList params = local.params();
    params << m_tenant << m_range.startMs() << m_range.endMs();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT %1, COUNT(*), COUNT(DISTINCT conversation_id) FROM messages WHERE "
                       "tenant_id = ? AND author = 'customer' AND created_at >= ? AND "
                       "created_at < ?%2 GROUP BY 1")
            .arg(local.day(), channel),
        params);
    QList<DayCount> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), -1, r[1].toInt(), r[2].toInt()});
    return out;
}

QList<ReportQueries::DayCount> ReportQueries::customerMessagesByHour()
{
    const LocalTimeSql local(m_range, QStringLiteral("created_at"));
    QVariantList params = local.params();
    params << local.params() << m_tenant << m_range.startMs() << m_range.endMs();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows =
        m_db.query(QStringLiteral("SELECT %1, %2, COUNT(*) FROM messages WHERE tenant_id = ? AND "
                                  "author = 'customer' AND created_at >= ? AND created_at < ?%3 "
                                  "GROUP BY 1, 2")
                       .arg(local.day(), local.hour(), channel),
                   params);
    QList<DayCount> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toInt(), r[2].toInt(), 0});
    return out;
}

QList<ReportQueries::ChatRow> ReportQueries::chats()
{
    // For each chat: its first customer message in the range, the bot's first message after it
    // and its last one in the range; then whether a person replied or the chat was handed off
    // before the bot's last answer + 24 h (the range's end + 24 h when the bot never answered).
    // The same answer two ways, each the faster on its backend (bench/analytics.sh).
    const SqlRows rows =
        m_db.dialect() == SqlBackend::Dialect::Postgres ? chatsByJoins() : chatsBySubqueries();
    QList<ChatRow> out;
    out.reserve(rows.size());
    for (const SqlRow &r : rows)
        out.append(
            {i64(r[0]), i64(r[1]), i64(r[2]), i64(r[3]), r[4].toInt() == 1, r[5].toInt() == 1});
    return out;
}

SqlRows ReportQueries::chatsByJoins()
{
    // PostgreSQL: joins rather than a subquery per chat, each side read from its index by time
    // (the repeated "created_at >= start" lets it scan from the range's start).
    const qint64 start = m_range.startMs();
    const qint64 end = m_range.endMs();
    QVariantList params{m_tenant, start, end};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    params << end << m_tenant << start << end << m_tenant << start << m_tenant << start;
    return m_db.query(
        QStringLiteral(
            "WITH c AS (SELECT conversation_id, MIN(created_at) AS first_at FROM messages WHERE "
            "tenant_id = ? AND author = 'customer' AND created_at >= ? AND created_at < ?%1 "
            "GROUP BY conversation_id), "
            "b AS (SELECT m.conversation_id, MIN(m.created_at) AS first_bot, MAX(CASE WHEN "
            "m.created_at < CAST(? AS BIGINT) THEN m.created_at END) AS last_bot FROM messages m "
            "JOIN c ON c.conversation_id = m.conversation_id WHERE m.tenant_id = ? AND "
            "m.author = 'bot' AND m.created_at >= ? AND m.created_at >= c.first_at GROUP BY "
            "m.conversation_id), "
            "f AS (SELECT c.conversation_id, c.first_at, b.first_bot, b.last_bot, "
            "COALESCE(b.last_bot, CAST(? AS BIGINT)) + 86400000 AS wait_until FROM c LEFT JOIN b "
            "ON "
            "b.conversation_id = c.conversation_id), "
            "h AS (SELECT DISTINCT f.conversation_id FROM f JOIN messages m ON "
            "m.conversation_id = f.conversation_id WHERE m.tenant_id = ? AND m.author = 'human' "
            "AND m.type <> 'note' AND m.created_at >= ? AND m.created_at >= f.first_at AND "
            "m.created_at < f.wait_until), "
            "e AS (SELECT DISTINCT f.conversation_id FROM f JOIN conversation_events x ON "
            "x.conversation_id = f.conversation_id WHERE x.tenant_id = ? AND x.kind IN "
            "('escalated', 'takeover') AND x.at >= ? AND x.at >= f.first_at AND x.at < "
            "f.wait_until) "
            "SELECT f.conversation_id, f.first_at, f.first_bot, f.last_bot, CASE WHEN "
            "h.conversation_id IS NULL THEN 0 ELSE 1 END, CASE WHEN e.conversation_id IS NULL "
            "THEN 0 ELSE 1 END FROM f LEFT JOIN h ON h.conversation_id = f.conversation_id LEFT "
            "JOIN e ON e.conversation_id = f.conversation_id ORDER BY f.conversation_id")
            .arg(channel),
        params);
}

SqlRows ReportQueries::chatsBySubqueries()
{
    // SQLite: a subquery per chat, each answered from messages_by_chat_author.
    QVariantList params{m_tenant, m_range.endMs(), m_tenant, m_range.endMs(),   m_tenant,
                        m_tenant, m_range.endMs(), m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    return m_db.query(
        QStringLiteral(
            "SELECT f.conversation_id, f.first_at, f.first_bot, f.last_bot, "
            "CASE WHEN EXISTS (SELECT 1 FROM messages h WHERE h.tenant_id = ? AND "
            "h.conversation_id = f.conversation_id AND h.author = 'human' AND h.type <> 'note' "
            "AND h.created_at >= f.first_at AND h.created_at < COALESCE(f.last_bot, "
            "CAST(? AS BIGINT)) + 86400000) THEN 1 ELSE 0 END, "
            "CASE WHEN EXISTS (SELECT 1 FROM conversation_events e WHERE e.tenant_id = ? AND "
            "e.conversation_id = f.conversation_id AND e.kind IN ('escalated', 'takeover') AND "
            "e.at >= f.first_at AND e.at < COALESCE(f.last_bot, CAST(? AS BIGINT)) + 86400000) "
            "THEN 1 ELSE 0 END "
            "FROM (SELECT c.conversation_id, c.first_at, "
            "(SELECT MIN(b.created_at) FROM messages b WHERE b.tenant_id = ? AND "
            "b.conversation_id = c.conversation_id AND b.author = 'bot' AND "
            "b.created_at >= c.first_at) AS first_bot, "
            "(SELECT MAX(b.created_at) FROM messages b WHERE b.tenant_id = ? AND "
            "b.conversation_id = c.conversation_id AND b.author = 'bot' AND "
            "b.created_at >= c.first_at AND b.created_at < ?) AS last_bot "
            "FROM (SELECT conversation_id, MIN(created_at) AS first_at FROM messages WHERE "
            "tenant_id = ? AND author = 'customer' AND created_at >= ? AND created_at < ?%1 "
            "GROUP BY conversation_id) c) f ORDER BY f.conversation_id")
            .arg(channel),
        params);
}

QList<ReportQueries::HandoffRow> ReportQueries::handoffs()
{
    // Per handoff: a person's first reply after it, and when the chat next went back to the bot
    // or closed; the reply counts only before that.
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("e.conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral(
            "SELECT e.conversation_id, e.kind, e.reason_code, e.at, "
            "(SELECT MIN(h.created_at) FROM messages h WHERE h.tenant_id = e.tenant_id AND "
            "h.conversation_id = e.conversation_id AND h.author = 'human' AND h.type <> 'note' "
            "AND h.created_at >= e.at), "
            "(SELECT MIN(x.at) FROM conversation_events x WHERE x.tenant_id = e.tenant_id AND "
            "x.conversation_id = e.conversation_id AND x.kind IN ('handback', 'close') AND "
            "x.at > e.at) FROM conversation_events e WHERE e.tenant_id = ? AND e.at >= ? AND "
            "e.at < ? AND (e.kind = 'escalated' OR (e.kind = 'takeover' AND "
            "e.reason_code = 'self'))%1 ORDER BY e.at, e.id")
            .arg(channel),
        params);
    QList<HandoffRow> out;
    for (const SqlRow &r : rows) {
        const qint64 replied = i64(r[4]);
        const qint64 ended = i64(r[5]);
        out.append({i64(r[0]), r[1].toString(), r[2].toString(), i64(r[3]),
                    replied > 0 && (ended == 0 || replied < ended) ? replied : 0});
    }
    return out;
}

QList<ReportQueries::GapRow> ReportQueries::knowledgeGaps()
{
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT conversation_id, question FROM retrieval_log WHERE tenant_id = ? "
                       "AND source = 'live' AND escalated = 1 AND at >= ? AND at < ?%1 "
                       "ORDER BY at, id")
            .arg(channel),
        params);
    QList<GapRow> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toString()});
    return out;
}

QList<ReportQueries::OrderDay> ReportQueries::ordersByDay()
{
    const LocalTimeSql local(m_range, QStringLiteral("created_at"));
    QVariantList params = local.params();
    params << m_tenant << m_range.startMs() << m_range.endMs();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT %1, taken_by, COUNT(*), COALESCE(SUM(total_minor), 0) FROM orders "
                       "WHERE tenant_id = ? AND status <> 'cancelled' AND created_at >= ? AND "
                       "created_at < ?%2 GROUP BY 1, 2")
            .arg(local.day(), channel),
        params);
    QList<OrderDay> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toString(), r[2].toInt(), i64(r[3])});
    return out;
}

QList<ReportQueries::Ranked> ReportQueries::topProducts(int limit)
{
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("o.conversation_id"), params);
    params << limit;
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT l.product_id, MAX(p.name), SUM(l.quantity), COUNT(DISTINCT "
                       "o.id), SUM(l.line_total_minor) FROM orders o JOIN order_lines l ON "
                       "l.tenant_id = o.tenant_id AND l.order_id = o.id LEFT JOIN products p ON "
                       "p.tenant_id = l.tenant_id AND p.id = l.product_id WHERE o.tenant_id = ? "
                       "AND o.status <> 'cancelled' AND o.created_at >= ? AND o.created_at < ?%1 "
                       "GROUP BY l.product_id ORDER BY 5 DESC, 1 LIMIT ?")
            .arg(channel),
        params);
    QList<Ranked> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toString(), r[2].toDouble(), r[3].toInt(), i64(r[4])});
    return out;
}

QList<ReportQueries::Ranked> ReportQueries::topCustomers(int limit)
{
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("o.conversation_id"), params);
    params << limit;
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT o.contact_id, MAX(c.name), COUNT(*), SUM(o.total_minor) FROM "
                       "orders o JOIN contacts c ON c.tenant_id = o.tenant_id AND c.id = "
                       "o.contact_id WHERE o.tenant_id = ? AND o.status <> 'cancelled' AND "
                       "o.created_at >= ? AND o.created_at < ?%1 GROUP BY o.contact_id "
                       "ORDER BY 4 DESC, 1 LIMIT ?")
            .arg(channel),
        params);
    QList<Ranked> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toString(), 0, r[2].toInt(), i64(r[3])});
    return out;
}

QList<ReportQueries::ReminderRow> ReportQueries::reminders()
{
    QVariantList params{m_tenant, m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("r.conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT r.contact_id, r.sent_at, r.amount_minor, (SELECT "
                       "COALESCE(SUM(l.amount_minor), 0) FROM ledger_entries l WHERE "
                       "l.tenant_id = ? AND l.contact_id = r.contact_id AND l.kind = 'payment' "
                       "AND l.created_at >= r.sent_at) FROM reminders r WHERE r.tenant_id = ? "
                       "AND r.state = 'sent' AND r.sent_at >= ? AND r.sent_at < ?%1 "
                       "ORDER BY r.contact_id, r.sent_at")
            .arg(channel),
        params);
    QList<ReminderRow> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), i64(r[1]), i64(r[2]), i64(r[3])});
    return out;
}

int ReportQueries::botAnswers()
{
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND author = 'bot' AND "
                       "created_at >= ? AND created_at < ?%1")
            .arg(channel),
        params);
    return rows.isEmpty() ? 0 : rows.first()[0].toInt();
}

QList<ReportQueries::Ranked> ReportQueries::balancesOwed()
{
    const SqlRows rows = m_db.query(
        QStringLiteral(
            "SELECT l.contact_id, MAX(c.name), SUM(CASE WHEN l.kind = 'credit' THEN "
            "l.amount_minor ELSE -l.amount_minor END) FROM ledger_entries l JOIN "
            "contacts c ON c.tenant_id = l.tenant_id AND c.id = l.contact_id WHERE "
            "l.tenant_id = ? GROUP BY l.contact_id HAVING SUM(CASE WHEN l.kind = "
            "'credit' THEN l.amount_minor ELSE -l.amount_minor END) > 0 ORDER BY 3 DESC, 1"),
        {m_tenant});
    QList<Ranked> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toString(), 0, 0, i64(r[2])});
    return out;
}

QList<ReportQueries::Unscored> ReportQueries::unscoredTexts(int limit)
{
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    params << limit;
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT id, body FROM messages WHERE tenant_id = ? AND author = 'customer' "
                       "AND type = 'text' AND mood IS NULL AND created_at >= ? AND "
                       "created_at < ?%1 LIMIT ?")
            .arg(channel),
        params);
    QList<Unscored> out;
    out.reserve(rows.size());
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toString()});
    return out;
}

void ReportQueries::storeMoods(const QList<QPair<qint64, int>> &moods)
{
    // One UPDATE per mood, each over its messages' ids (in chunks of 500).
    for (const int mood : {-1, 0, 1}) {
        QList<qint64> ids;
        for (const auto &[id, m] : moods)
            if (m == mood)
                ids << id;
        for (qsizetype i = 0; i < ids.size(); i += 500) {
            const QList<qint64> part = ids.mid(i, 500);
            QVariantList params{mood, m_tenant};
            for (qint64 id : part)
                params << id;
            m_db.exec(QStringLiteral("UPDATE messages SET mood = ? WHERE tenant_id = ? AND id IN "
                                     "(%1)")
                          .arg(sql::valuesRows(part.size(), QStringLiteral("CAST(? AS BIGINT)"))),
                      params);
        }
    }
}

QList<ReportQueries::MoodDay> ReportQueries::moodsByDay()
{
    const LocalTimeSql local(m_range, QStringLiteral("created_at"));
    QVariantList params = local.params();
    params << m_tenant << m_range.startMs() << m_range.endMs();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows =
        m_db.query(QStringLiteral("SELECT %1, mood, COUNT(*) FROM messages WHERE tenant_id = ? AND "
                                  "author = 'customer' AND type = 'text' AND created_at >= ? AND "
                                  "created_at < ? AND mood IS NOT NULL%2 GROUP BY 1, 2")
                       .arg(local.day(), channel),
                   params);
    QList<MoodDay> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toInt(), r[2].toInt()});
    return out;
}

QList<ReportQueries::NegativeRow> ReportQueries::mostNegative(int limit)
{
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    params << limit;
    const SqlRows top =
        m_db.query(QStringLiteral("SELECT conversation_id, COUNT(*), MAX(id) FROM messages WHERE "
                                  "tenant_id = ? AND author = 'customer' AND type = 'text' AND "
                                  "created_at >= ? AND created_at < ? AND mood = -1%1 GROUP BY "
                                  "conversation_id ORDER BY 2 DESC, 1 LIMIT ?")
                       .arg(channel),
                   params);
    QList<NegativeRow> out;
    for (const SqlRow &r : top) {
        const SqlRows body =
            m_db.query(QStringLiteral("SELECT body FROM messages WHERE tenant_id = ? AND id = ?"),
                       {m_tenant, i64(r[2])});
        out.append(
            {i64(r[0]), r[1].toInt(), body.isEmpty() ? QString() : body.first()[0].toString()});
    }
    return out;
}

QList<ReportQueries::ChatName> ReportQueries::chatNames(const QList<qint64> &conversationIds)
{
    QList<ChatName> out;
    for (qsizetype i = 0; i < conversationIds.size(); i += 200) {
        const QList<qint64> part = conversationIds.mid(i, 200);
        QVariantList params{m_tenant};
        for (qint64 id : part)
            params << id;
        const QString marks = sql::valuesRows(part.size(), QStringLiteral("CAST(? AS BIGINT)"));
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT v.id, c.name, c.phone, v.last_message_at FROM conversations v "
                           "JOIN contacts c ON "
                           "c.tenant_id = v.tenant_id AND c.id = v.contact_id WHERE "
                           "v.tenant_id = ? AND v.id IN (%1) ORDER BY v.id")
                .arg(marks),
            params);
        for (const SqlRow &r : rows)
            out.append({i64(r[0]), r[1].toString(), r[2].toString(), i64(r[3])});
    }
    return out;
}

QList<qint64> ReportQueries::chatsBetween(const QDate &first, const QDate &last)
{
    QVariantList params{m_tenant, m_range.dayStartMs(first), m_range.dayStartMs(last.addDays(1))};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT DISTINCT conversation_id FROM messages WHERE tenant_id = ? AND "
                       "author = 'customer' AND created_at >= ? AND created_at < ?%1 "
                       "ORDER BY 1")
            .arg(channel),
        params);
    QList<qint64> out;
    for (const SqlRow &r : rows)
        out.append(i64(r[0]));
    return out;
}

} // namespace shopdesk
