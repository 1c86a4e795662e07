#include "analytics/ReportQueries.h"

#include "analytics/LocalTimeSql.h"
#include "storage/ChatActivity.h"
#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace shopdesk {

namespace {

constexpr qint64 kDayMs = 86400000;

qint64 i64(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

// A slot's first millisecond, as LocalTimeSql reads a time column.
QString slotStart()
{
    return QStringLiteral("(bucket * %1)").arg(ChatActivity::kSlotMs);
}

} // namespace

ReportQueries::ReportQueries(SqlBackend &db, qint64 tenantId, const ReportRange &range)
    : m_db(db)
    , m_tenant(tenantId)
    , m_range(range)
{}

qint64 ReportQueries::firstSlot() const
{
    return ChatActivity::slotOf(m_range.startMs());
}

qint64 ReportQueries::endSlot() const
{
    return ChatActivity::slotOf(m_range.endMs());
}

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
    const LocalTimeSql local(m_range, slotStart());
    QVariantList params = local.params();
    params << m_tenant << firstSlot() << endSlot();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT %1, SUM(customers), COUNT(DISTINCT conversation_id) FROM "
                       "chat_activity WHERE tenant_id = ? AND bucket >= ? AND bucket < ? AND "
                       "customers > 0%2 GROUP BY 1")
            .arg(local.day(), channel),
        params);
    QList<DayCount> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), -1, r[1].toInt(), r[2].toInt()});
    return out;
}

QList<ReportQueries::DayCount> ReportQueries::customerMessagesByHour()
{
    const LocalTimeSql local(m_range, slotStart());
    QVariantList params = local.params();
    params << local.params() << m_tenant << firstSlot() << endSlot();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT %1, %2, SUM(customers) FROM chat_activity WHERE tenant_id = ? AND "
                       "bucket >= ? AND bucket < ? AND customers > 0%3 GROUP BY 1, 2")
            .arg(local.day(), local.hour(), channel),
        params);
    QList<DayCount> out;
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), r[1].toInt(), r[2].toInt(), 0});
    return out;
}

QList<ReportQueries::ChatRow> ReportQueries::chats()
{
    // The slots from the range's start to a day after its end (a reply or a handoff counts
    // until the bot's last answer + 24 h), then chat by chat in time order: the chat's first
    // customer message in the range opens its first slot; the bot's first answer, a person's
    // reply and a handoff after it are that slot's *_after_customer_at or a later slot's first.
    // Times come as offsets into their slot (half the digits to send), in no order (a plain
    // scan), and are sorted here.
    const qint64 end = m_range.endMs();
    const qint64 until = ChatActivity::slotOf(end + kDayMs) + 1;
    QVariantList params{m_tenant, firstSlot(), until};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    struct Slot
    {
        qint64 chat, slot, firstCustomer, lastBot, botAfter, firstBot, personAfter, firstPerson,
            handoffAfter, firstHandoff;
    };
    std::vector<Slot> slots;
    // A slot's first bot, person and handoff are mostly the ones after its first customer
    // message: sent only where they differ.
    QString columns;
    for (const char *c :
         {"first_customer_at", "last_bot_at", "bot_after_customer_at",
          "NULLIF(first_bot_at, bot_after_customer_at)", "person_after_customer_at",
          "NULLIF(first_person_at, person_after_customer_at)", "handoff_after_customer_at",
          "NULLIF(first_handoff_at, handoff_after_customer_at)"})
        columns += QStringLiteral(", %1 - bucket * %2 + 1")
                       .arg(QLatin1String(c))
                       .arg(ChatActivity::kSlotMs); // + 1: a time at the slot's first millisecond
                                                    // is not "none"
    m_db.scanNumbers(
        QStringLiteral("SELECT conversation_id, bucket%1 FROM chat_activity WHERE tenant_id = ? "
                       "AND bucket >= ? AND bucket < ?%2")
            .arg(columns, channel),
        params, [&](const SqlNumbers &r) {
            const qint64 base = r.at(1) * ChatActivity::kSlotMs - 1;
            const auto time = [&](int c) {
                return r.isNull(c) ? 0 : r.at(c) + base;
            };
            const auto orAfter = [&](int c) {
                return r.isNull(c) ? time(c - 1) : time(c);
            };
            slots.push_back({r.at(0), r.at(1), time(2), time(3), time(4), orAfter(5), time(6),
                             orAfter(7), time(8), orAfter(9)});
        });
    std::sort(slots.begin(), slots.end(), [](const Slot &a, const Slot &b) {
        return a.chat != b.chat ? a.chat < b.chat : a.slot < b.slot;
    });
    const auto earliest = [](qint64 a, qint64 b) {
        return a == 0 ? b : b == 0 ? a : std::min(a, b);
    };
    const qint64 last = endSlot();
    QList<ChatRow> out;
    QList<int> unanswered;
    for (size_t i = 0; i < slots.size();) {
        const qint64 id = slots[i].chat;
        ChatRow row{id};
        qint64 person = 0;
        qint64 handoff = 0;
        for (; i < slots.size() && slots[i].chat == id; ++i) {
            const Slot &s = slots[i];
            if (row.firstCustomerAt == 0) {
                // Slots before the chat's first customer message in the range do not count.
                if (s.slot >= last || s.firstCustomer == 0)
                    continue;
                row.firstCustomerAt = s.firstCustomer;
                row.firstBotAt = s.botAfter;
                person = s.personAfter;
                handoff = s.handoffAfter;
            } else {
                row.firstBotAt = earliest(row.firstBotAt, s.firstBot);
                person = earliest(person, s.firstPerson);
                handoff = earliest(handoff, s.firstHandoff);
            }
            if (s.slot < last && s.lastBot >= row.firstCustomerAt)
                row.lastBotAt = std::max(row.lastBotAt, s.lastBot);
        }
        if (row.firstCustomerAt == 0)
            continue;
        const qint64 waitUntil = (row.lastBotAt > 0 ? row.lastBotAt : end) + kDayMs;
        row.personReplied = person > 0 && person < waitUntil;
        row.handedOff = handoff > 0 && handoff < waitUntil;
        if (row.firstBotAt == 0)
            unanswered.append(int(out.size()));
        out.append(row);
    }
    botAnswersLater(out, unanswered, until);
    return out;
}

void ReportQueries::botAnswersLater(QList<ChatRow> &rows, const QList<int> &unanswered,
                                    qint64 fromSlot)
{
    for (qsizetype i = 0; i < unanswered.size(); i += 500) {
        const QList<int> part = unanswered.mid(i, 500);
        QVariantList params{m_tenant, fromSlot};
        QHash<qint64, int> index;
        for (const int row : part) {
            params << rows.at(row).conversationId;
            index.insert(rows.at(row).conversationId, row);
        }
        const SqlRows later = m_db.query(
            QStringLiteral("SELECT conversation_id, MIN(first_bot_at) FROM chat_activity WHERE "
                           "tenant_id = ? AND bucket >= ? AND bots > 0 AND conversation_id IN "
                           "(%1) GROUP BY conversation_id")
                .arg(sql::valuesRows(part.size(), QStringLiteral("CAST(? AS BIGINT)"))),
            params);
        for (const SqlRow &r : later)
            rows[index.value(i64(r[0]))].firstBotAt = i64(r[1]);
    }
}

QList<ReportQueries::HandoffRow> ReportQueries::handoffs()
{
    // Per handoff, its first reply and end as ChatActivity keeps them: the reply counts only
    // before the chat next went back to the bot or closed.
    QVariantList params{m_tenant, m_range.startMs(), m_range.endMs()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT conversation_id, kind, reason_code, at, replied_at, ended_at FROM "
                       "conversation_events WHERE tenant_id = ? AND at >= ? AND at < ? AND "
                       "(kind = 'escalated' OR (kind = 'takeover' AND reason_code = 'self'))%1 "
                       "ORDER BY at, id")
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
    QVariantList params{m_tenant, firstSlot(), endSlot()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT COALESCE(SUM(bots), 0) FROM chat_activity WHERE tenant_id = ? AND "
                       "bucket >= ? AND bucket < ?%1")
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

QList<ReportQueries::Unscored> ReportQueries::unscoredTexts(int limit, qint64 fromSlot)
{
    // Only the slots that still hold unscored texts are read (a partial index finds them), in
    // time order from `fromSlot`: a caller going forward never walks back over the index
    // entries its own updates left behind (PostgreSQL keeps them until vacuum).
    QVariantList params{m_tenant, std::max(fromSlot, firstSlot()), endSlot()};
    const QString channel = channelFilter(QStringLiteral("a.conversation_id"), params);
    params << limit;
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT m.id, m.conversation_id, m.created_at, m.body FROM chat_activity a "
                       "JOIN messages m ON m.tenant_id = a.tenant_id AND m.conversation_id = "
                       "a.conversation_id AND m.author = 'customer' AND m.created_at >= a.bucket "
                       "* %1 AND m.created_at < (a.bucket + 1) * %1 WHERE a.tenant_id = ? AND "
                       "a.unscored > 0 AND a.bucket >= ? AND a.bucket < ? AND m.type = 'text' "
                       "AND m.mood IS NULL%2 ORDER BY a.bucket LIMIT ?")
            .arg(ChatActivity::kSlotMs)
            .arg(channel),
        params);
    QList<Unscored> out;
    out.reserve(rows.size());
    for (const SqlRow &r : rows)
        out.append({i64(r[0]), i64(r[1]), i64(r[2]), r[3].toString()});
    return out;
}

void ReportQueries::storeMoods(const QList<Unscored> &scored)
{
    // The chats' locks, then one UPDATE per mood over its messages' ids (in chunks of 500) for
    // those still unscored (another report may have scored some meanwhile); then their slots.
    ChatActivity activity(m_db);
    QList<qint64> chats;
    QHash<qint64, const Unscored *> byId;
    for (const Unscored &m : scored) {
        chats << m.conversationId;
        byId.insert(m.id, &m);
    }
    activity.lockChats(m_tenant, chats);
    QList<ChatActivity::Scored> stored;
    for (const int mood : {-1, 0, 1}) {
        QList<qint64> ids;
        for (const Unscored &m : scored)
            if (m.mood == mood)
                ids << m.id;
        for (qsizetype i = 0; i < ids.size(); i += 500) {
            const QList<qint64> part = ids.mid(i, 500);
            QVariantList params{mood, m_tenant};
            for (qint64 id : part)
                params << id;
            const SqlRows changed = m_db.query(
                QStringLiteral("UPDATE messages SET mood = ? WHERE tenant_id = ? AND id IN (%1) "
                               "AND mood IS NULL RETURNING id")
                    .arg(sql::valuesRows(part.size(), QStringLiteral("CAST(? AS BIGINT)"))),
                params);
            for (const SqlRow &r : changed)
                if (const Unscored *m = byId.value(i64(r[0])))
                    stored.append({m->conversationId, m->at, mood});
        }
    }
    activity.moodsStored(m_tenant, stored);
}

QList<ReportQueries::MoodDay> ReportQueries::moodsByDay()
{
    const LocalTimeSql local(m_range, slotStart());
    QVariantList params = local.params();
    params << m_tenant << firstSlot() << endSlot();
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT %1, SUM(negative), SUM(neutral), SUM(positive) FROM chat_activity "
                       "WHERE tenant_id = ? AND bucket >= ? AND bucket < ? AND customers > 0%2 "
                       "GROUP BY 1")
            .arg(local.day(), channel),
        params);
    QList<MoodDay> out;
    for (const SqlRow &r : rows)
        for (const int mood : {-1, 0, 1})
            if (const int n = r[2 + mood].toInt(); n > 0)
                out.append({i64(r[0]), mood, n});
    return out;
}

QList<ReportQueries::NegativeRow> ReportQueries::mostNegative(int limit)
{
    QVariantList params{m_tenant, firstSlot(), endSlot()};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    params << limit;
    const SqlRows top = m_db.query(
        QStringLiteral("SELECT conversation_id, SUM(negative) FROM chat_activity WHERE tenant_id "
                       "= ? AND bucket >= ? AND bucket < ? AND negative > 0%1 GROUP BY "
                       "conversation_id ORDER BY 2 DESC, 1 LIMIT ?")
            .arg(channel),
        params);
    QList<NegativeRow> out;
    for (const SqlRow &r : top) {
        // The chat's latest negative text in the range.
        const SqlRows body = m_db.query(
            QStringLiteral("SELECT body FROM messages WHERE tenant_id = ? AND conversation_id = ? "
                           "AND author = 'customer' AND type = 'text' AND mood = -1 AND "
                           "created_at >= ? AND created_at < ? ORDER BY id DESC LIMIT 1"),
            {m_tenant, i64(r[0]), m_range.startMs(), m_range.endMs()});
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
    QVariantList params{m_tenant, ChatActivity::slotOf(m_range.dayStartMs(first)),
                        ChatActivity::slotOf(m_range.dayStartMs(last.addDays(1)))};
    const QString channel = channelFilter(QStringLiteral("conversation_id"), params);
    const SqlRows rows = m_db.query(
        QStringLiteral("SELECT DISTINCT conversation_id FROM chat_activity WHERE tenant_id = ? AND "
                       "bucket >= ? AND bucket < ? AND customers > 0%1 ORDER BY 1")
            .arg(channel),
        params);
    QList<qint64> out;
    for (const SqlRow &r : rows)
        out.append(i64(r[0]));
    return out;
}

} // namespace shopdesk
