#include "storage/ChatActivity.h"

#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"

#include <QHash>
#include <QMap>

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
        "handoff_after_customer_at, positive, neutral, negative, unscored");
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
               "'c' AND text = 1 AND mood IS NULL THEN 1 ELSE 0 END) "
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

void ChatActivity::refreshSpans(qint64 tenantId, const QList<Touched> &touched)
{
    // One statement per chat over the slots its writes span.
    struct Span
    {
        qint64 first = 0;
        qint64 last = 0;
    };
    QHash<qint64, Span> spans;
    QList<qint64> order;
    for (const Touched &t : touched) {
        const qint64 slot = slotOf(t.at);
        auto it = spans.find(t.conversationId);
        if (it == spans.end()) {
            spans.insert(t.conversationId, {slot, slot});
            order.append(t.conversationId);
        } else {
            it->first = std::min(it->first, slot);
            it->last = std::max(it->last, slot);
        }
    }
    for (const qint64 id : std::as_const(order))
        refresh(tenantId, id, spans.value(id).first, spans.value(id).last);
}

void ChatActivity::messagesAdded(qint64 tenantId, const QList<Message> &messages)
{
    QList<Touched> touched;
    touched.reserve(messages.size());
    for (const Message &m : messages) {
        const qint64 at = m.createdAt.toMSecsSinceEpoch();
        touched.append({m.conversationId, at});
        if (m.author != Author::Human || m.type == QLatin1String("note"))
            continue;
        // The handoffs at or before this reply that had none this early.
        m_db.exec(QStringLiteral("UPDATE conversation_events SET replied_at = ? WHERE "
                                 "tenant_id = ? AND conversation_id = ? AND ") +
                      kHandoffKinds +
                      QStringLiteral(" AND at <= ? AND (replied_at IS NULL OR replied_at > ?)"),
                  {at, tenantId, m.conversationId, at, at});
    }
    refreshSpans(tenantId, touched);
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
        refresh(tenantId, conversationId, slotOf(at), slotOf(at));
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
