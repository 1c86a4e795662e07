#include "storage/ChatActivity.h"

#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"

#include <QHash>
#include <QMap>
#include <QStringList>

#include <limits>

namespace shopdesk {

namespace {

// The slots of the marks the filters select, computed from scratch: customer ('c'), bot ('b')
// and person ('h', notes left out) messages and handoff events ('x'); `fc` is the slot's first
// customer message. Parameters: the store, the messages' filter's, the store, the events'.
QString fillSql(const QString &messagesFilter, const QString &eventsFilter)
{
    static const QString columns = QStringLiteral(
        "customers, first_customer_at, bots, first_bot_at, last_bot_at, bot_after_customer_at, "
        "first_person_at, person_after_customer_at, first_handoff_at, "
        "handoff_after_customer_at, positive, neutral, negative, unscored, last_at");
    QString updates;
    for (const QString &c : columns.split(QStringLiteral(", ")))
        updates += (updates.isEmpty() ? QString() : QStringLiteral(", ")) + c +
                   QStringLiteral(" = excluded.") + c;
    return QStringLiteral(
               "INSERT INTO chat_activity (tenant_id, bucket, conversation_id, %1) "
               "SELECT tenant_id, bucket, conversation_id, "
               "SUM(CASE WHEN kind = 'c' THEN 1 ELSE 0 END), MIN(CASE WHEN kind = 'c' THEN at "
               "END), SUM(CASE WHEN kind = 'b' THEN 1 ELSE 0 END), MIN(CASE WHEN kind = 'b' THEN "
               "at END), MAX(CASE WHEN kind = 'b' THEN at END), MIN(CASE WHEN kind = 'b' AND at "
               ">= fc THEN at END), MIN(CASE WHEN kind = 'h' THEN at END), MIN(CASE WHEN kind = "
               "'h' AND at >= fc THEN at END), MIN(CASE WHEN kind = 'x' THEN at END), MIN(CASE "
               "WHEN kind = 'x' AND at >= fc THEN at END), SUM(CASE WHEN kind = 'c' AND mood = 1 "
               "THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'c' AND mood = 0 THEN 1 ELSE 0 END), "
               "SUM(CASE WHEN kind = 'c' AND mood = -1 THEN 1 ELSE 0 END), SUM(CASE WHEN kind = "
               "'c' AND text = 1 AND mood IS NULL THEN 1 ELSE 0 END), MAX(at) "
               "FROM (SELECT k.*, MIN(CASE WHEN k.kind = 'c' THEN k.at END) OVER (PARTITION BY "
               "k.tenant_id, k.conversation_id, k.bucket) AS fc FROM ("
               "SELECT tenant_id, conversation_id, created_at / %2 AS bucket, created_at AS at, "
               "CASE author WHEN 'customer' THEN 'c' WHEN 'bot' THEN 'b' ELSE 'h' END AS kind, "
               "mood, CASE WHEN type = 'text' THEN 1 ELSE 0 END AS text FROM messages WHERE "
               "tenant_id = ? AND author IN ('customer', 'bot', 'human') AND NOT (author = "
               "'human' AND type = 'note')%3 "
               "UNION ALL SELECT tenant_id, conversation_id, at / %2, at, 'x', NULL, 0 FROM "
               "conversation_events WHERE tenant_id = ? AND kind IN ('escalated', "
               "'takeover')%4) k) w WHERE true GROUP BY tenant_id, bucket, conversation_id "
               "ON CONFLICT (tenant_id, bucket, conversation_id) DO UPDATE SET %5")
        .arg(columns)
        .arg(ChatActivity::kSlotMs)
        .arg(messagesFilter, eventsFilter, updates);
}

const QString kHandoffKinds = QStringLiteral("kind IN ('escalated', 'takeover')");

// The upsert that adds a slot's new marks to what it holds, when that gives the same as
// recomputing: the new marks all come at or after the slot's first customer message (so each
// new bot, person or handoff time is "after the customer"), or the slot had no customer
// message and everything in it came before the new first one. Parameters: the row, then the
// new marks' earliest time and their first customer message (or never). No row back: the
// caller recomputes.
QString addSql()
{
    const auto lesser = [](const QString &column) {
        return QStringLiteral("CASE WHEN chat_activity.%1 IS NULL OR excluded.%1 < "
                              "chat_activity.%1 THEN excluded.%1 ELSE chat_activity.%1 END")
            .arg(column);
    };
    const auto greater = [](const QString &column) {
        return QStringLiteral("CASE WHEN chat_activity.%1 IS NULL OR excluded.%1 > "
                              "chat_activity.%1 THEN excluded.%1 ELSE chat_activity.%1 END")
            .arg(column);
    };
    // After the customer: with one already in the slot, the earlier of what it had and the
    // new marks' first; without, the new marks' own.
    const auto after = [](const QString &column, const QString &first) {
        return QStringLiteral("CASE WHEN chat_activity.first_customer_at IS NULL THEN "
                              "excluded.%1 WHEN chat_activity.%1 IS NULL OR excluded.%2 < "
                              "chat_activity.%1 THEN excluded.%2 ELSE chat_activity.%1 END")
            .arg(column, first);
    };
    QStringList set;
    for (const char *sum : {"customers", "bots", "positive", "neutral", "negative", "unscored"})
        set << QStringLiteral("%1 = chat_activity.%1 + excluded.%1").arg(QLatin1String(sum));
    for (const char *min :
         {"first_customer_at", "first_bot_at", "first_person_at", "first_handoff_at"})
        set << QLatin1String(min) + QStringLiteral(" = ") + lesser(QLatin1String(min));
    for (const char *max : {"last_bot_at", "last_at"})
        set << QLatin1String(max) + QStringLiteral(" = ") + greater(QLatin1String(max));
    set << QStringLiteral("bot_after_customer_at = ") +
               after(QStringLiteral("bot_after_customer_at"), QStringLiteral("first_bot_at"))
        << QStringLiteral("person_after_customer_at = ") +
               after(QStringLiteral("person_after_customer_at"), QStringLiteral("first_person_at"))
        << QStringLiteral("handoff_after_customer_at = ") +
               after(QStringLiteral("handoff_after_customer_at"),
                     QStringLiteral("first_handoff_at"));
    return QStringLiteral(
               "INSERT INTO chat_activity (tenant_id, bucket, conversation_id, customers, "
               "first_customer_at, bots, first_bot_at, last_bot_at, bot_after_customer_at, "
               "first_person_at, person_after_customer_at, first_handoff_at, "
               "handoff_after_customer_at, positive, neutral, negative, unscored, last_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
               "(tenant_id, bucket, conversation_id) DO UPDATE SET %1 WHERE "
               "(chat_activity.first_customer_at IS NOT NULL AND "
               "chat_activity.first_customer_at <= CAST(? AS BIGINT)) OR "
               "(chat_activity.first_customer_at IS NULL AND chat_activity.last_at <= CAST(? AS "
               "BIGINT)) RETURNING bucket")
        .arg(set.join(QStringLiteral(", ")));
}

} // namespace

ChatActivity::ChatActivity(SqlBackend &db)
    : m_db(db)
{}

void ChatActivity::refresh(qint64 tenantId, qint64 conversationId, qint64 firstSlot,
                           qint64 lastSlot)
{
    static const QString sql =
        fillSql(QStringLiteral(" AND conversation_id = ? AND created_at >= ? AND created_at < ?"),
                QStringLiteral(" AND conversation_id = ? AND at >= ? AND at < ?"));
    const qint64 from = firstSlot * kSlotMs;
    const qint64 to = (lastSlot + 1) * kSlotMs;
    m_db.exec(sql, {tenantId, conversationId, from, to, tenantId, conversationId, from, to});
}

void ChatActivity::add(qint64 tenantId, qint64 conversationId, const QList<Mark> &marks)
{
    // The marks of one chat's slot. Mostly (live chats, a provider's timestamps a second
    // behind the bot's) they are added on in one upsert that reads no message; when adding
    // could differ from recomputing (an earlier first customer message, a backlog), the slot
    // is recomputed.
    const qint64 slot = slotOf(marks.first().at);
    const auto earliest = [](QVariant &v, qint64 at) {
        if (v.isNull() || at < v.toLongLong())
            v = at;
    };
    QVariant firstCustomer, firstBot, lastBot, botAfter, firstPerson, personAfter, firstHandoff,
        handoffAfter;
    int customers = 0, bots = 0, positive = 0, neutral = 0, negative = 0, unscored = 0;
    qint64 first = marks.first().at, last = marks.first().at;
    for (const Mark &m : marks) {
        first = std::min(first, m.at);
        last = std::max(last, m.at);
        if (m.kind == Mark::Customer) {
            ++customers;
            earliest(firstCustomer, m.at);
            if (!m.mood && m.text)
                ++unscored;
            else if (m.mood)
                ++(*m.mood > 0 ? positive : *m.mood < 0 ? negative : neutral);
        }
    }
    const qint64 fc = firstCustomer.isNull() ? 0 : firstCustomer.toLongLong();
    for (const Mark &m : marks) {
        const bool after = !firstCustomer.isNull() && m.at >= fc;
        if (m.kind == Mark::Bot) {
            ++bots;
            earliest(firstBot, m.at);
            if (lastBot.isNull() || m.at > lastBot.toLongLong())
                lastBot = m.at;
            if (after)
                earliest(botAfter, m.at);
        } else if (m.kind == Mark::Person) {
            earliest(firstPerson, m.at);
            if (after)
                earliest(personAfter, m.at);
        } else if (m.kind == Mark::Handoff) {
            earliest(firstHandoff, m.at);
            if (after)
                earliest(handoffAfter, m.at);
        }
    }
    static const QString sql = addSql();
    const qint64 firstCustomerOrNever = fc > 0 ? fc : std::numeric_limits<qint64>::max();
    const SqlRows added = m_db.query(
        sql, {tenantId,    slot,         conversationId, customers, firstCustomer,
              bots,        firstBot,     lastBot,        botAfter,  firstPerson,
              personAfter, firstHandoff, handoffAfter,   positive,  neutral,
              negative,    unscored,     last,           first,     firstCustomerOrNever});
    if (added.isEmpty())
        refresh(tenantId, conversationId, slot, slot);
}

void ChatActivity::addMarks(qint64 tenantId, const QList<std::pair<qint64, Mark>> &marks)
{
    // Grouped by chat and slot, in the order they came.
    QList<std::pair<qint64, qint64>> order;
    QHash<std::pair<qint64, qint64>, QList<Mark>> groups;
    for (const auto &[chat, mark] : marks) {
        const std::pair<qint64, qint64> key{chat, slotOf(mark.at)};
        auto it = groups.find(key);
        if (it == groups.end()) {
            order.append(key);
            it = groups.insert(key, {});
        }
        it->append(mark);
    }
    for (const auto &key : std::as_const(order))
        add(tenantId, key.first, groups.value(key));
}

void ChatActivity::messagesAdded(qint64 tenantId, const QList<Message> &messages)
{
    QList<std::pair<qint64, Mark>> marks;
    marks.reserve(messages.size());
    for (const Message &m : messages) {
        const qint64 at = m.createdAt.toMSecsSinceEpoch();
        const bool note = m.type == QLatin1String("note");
        if (m.author == Author::Customer)
            marks.append({m.conversationId,
                          Mark{Mark::Customer, at, m.mood, m.type == QLatin1String("text")}});
        else if (m.author == Author::Bot)
            marks.append({m.conversationId, Mark{Mark::Bot, at}});
        else if (m.author == Author::Human && !note)
            marks.append({m.conversationId, Mark{Mark::Person, at}});
        if (m.author != Author::Human || note)
            continue;
        // The handoffs at or before this reply that had none this early.
        m_db.exec(QStringLiteral("UPDATE conversation_events SET replied_at = ? WHERE "
                                 "tenant_id = ? AND conversation_id = ? AND ") +
                      kHandoffKinds +
                      QStringLiteral(" AND at <= ? AND (replied_at IS NULL OR replied_at > ?)"),
                  {at, tenantId, m.conversationId, at, at});
    }
    addMarks(tenantId, marks);
}

void ChatActivity::eventAdded(qint64 tenantId, qint64 conversationId, qint64 eventId,
                              const QString &kind, qint64 at)
{
    if (kind == QLatin1String("escalated") || kind == QLatin1String("takeover")) {
        m_db.exec(QStringLiteral(
                      "UPDATE conversation_events SET replied_at = (SELECT MIN(h.created_at) "
                      "FROM messages h WHERE h.tenant_id = ? AND h.conversation_id = ? AND "
                      "h.author = 'human' AND h.type <> 'note' AND h.created_at >= ?), ended_at "
                      "= (SELECT MIN(x.at) FROM conversation_events x WHERE x.tenant_id = ? AND "
                      "x.conversation_id = ? AND x.kind IN ('handback', 'close') AND x.at > ?) "
                      "WHERE tenant_id = ? AND id = ?"),
                  {tenantId, conversationId, at, tenantId, conversationId, at, tenantId, eventId});
        add(tenantId, conversationId, {Mark{Mark::Handoff, at}});
    } else if (kind == QLatin1String("handback") || kind == QLatin1String("close")) {
        m_db.exec(QStringLiteral("UPDATE conversation_events SET ended_at = ? WHERE tenant_id = "
                                 "? AND conversation_id = ? AND ") +
                      kHandoffKinds +
                      QStringLiteral(" AND at < ? AND (ended_at IS NULL OR ended_at > ?)"),
                  {at, tenantId, conversationId, at, at});
    }
}

void ChatActivity::lockChats(qint64 tenantId, QList<qint64> conversationIds)
{
    if (m_db.dialect() != SqlBackend::Dialect::Postgres || conversationIds.isEmpty())
        return; // SQLite has one writer at a time
    std::sort(conversationIds.begin(), conversationIds.end());
    conversationIds.erase(std::unique(conversationIds.begin(), conversationIds.end()),
                          conversationIds.end());
    for (qsizetype i = 0; i < conversationIds.size(); i += 500) {
        const QList<qint64> part = conversationIds.mid(i, 500);
        QVariantList params{tenantId};
        for (const qint64 id : part)
            params << id;
        m_db.query(QStringLiteral("SELECT id FROM conversations WHERE tenant_id = ? AND id IN "
                                  "(%1) ORDER BY id FOR UPDATE")
                       .arg(sql::valuesRows(part.size(), QStringLiteral("CAST(? AS BIGINT)"))),
                   params);
    }
}

void ChatActivity::moodsStored(qint64 tenantId, const QList<Scored> &messages)
{
    struct Counts
    {
        int negative = 0;
        int neutral = 0;
        int positive = 0;
    };
    QMap<std::pair<qint64, qint64>, Counts> slots;
    for (const Scored &m : messages) {
        Counts &c = slots[{m.conversationId, slotOf(m.at)}];
        ++(m.mood < 0 ? c.negative : m.mood > 0 ? c.positive : c.neutral);
    }
    const QList<std::pair<qint64, qint64>> keys = slots.keys();
    for (qsizetype i = 0; i < keys.size(); i += 200) {
        const QList<std::pair<qint64, qint64>> part = keys.mid(i, 200);
        QVariantList params;
        for (const auto &key : part) {
            const Counts c = slots.value(key);
            params << key.first << key.second << c.negative << c.neutral << c.positive;
        }
        params << tenantId;
        m_db.exec(QStringLiteral(
                      "WITH v (conversation_id, bucket, neg, neu, pos) AS (VALUES %1) UPDATE "
                      "chat_activity SET negative = negative + v.neg, neutral = neutral + "
                      "v.neu, positive = positive + v.pos, unscored = unscored - (v.neg + v.neu "
                      "+ v.pos) FROM v WHERE chat_activity.tenant_id = ? AND "
                      "chat_activity.conversation_id = v.conversation_id AND "
                      "chat_activity.bucket = v.bucket")
                      .arg(sql::valuesRows(part.size(),
                                           QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT), "
                                                          "CAST(? AS INTEGER), CAST(? AS INTEGER), "
                                                          "CAST(? AS INTEGER))"))),
                  params);
    }
}

void ChatActivity::rebuildStore(qint64 tenantId)
{
    m_db.exec(QStringLiteral("DELETE FROM chat_activity WHERE tenant_id = ?"), {tenantId});
    static const QString sql = fillSql(QString(), QString());
    m_db.exec(sql, {tenantId, tenantId});
    m_db.exec(QStringLiteral(
                  "UPDATE conversation_events SET replied_at = (SELECT MIN(h.created_at) FROM "
                  "messages h WHERE h.tenant_id = conversation_events.tenant_id AND "
                  "h.conversation_id = conversation_events.conversation_id AND h.author = "
                  "'human' AND h.type <> 'note' AND h.created_at >= conversation_events.at), "
                  "ended_at = (SELECT MIN(x.at) FROM conversation_events x WHERE x.tenant_id = "
                  "conversation_events.tenant_id AND x.conversation_id = "
                  "conversation_events.conversation_id AND x.kind IN ('handback', 'close') AND "
                  "x.at > conversation_events.at) WHERE tenant_id = ? AND ") +
                  kHandoffKinds,
              {tenantId});
}

void ChatActivity::rebuild(qint64 tenantId)
{
    if (tenantId > 0) {
        rebuildStore(tenantId);
        return;
    }
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT id FROM tenants ORDER BY id")))
        rebuildStore(r.value(0).toLongLong());
}

} // namespace shopdesk
