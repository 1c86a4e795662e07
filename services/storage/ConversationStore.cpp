#include "storage/ConversationStore.h"

#include "domain/EscalationReason.h"
#include "storage/ChatActivity.h"

#include "storage/Rows.h"
#include "storage/SqlSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

namespace shopdesk {

using namespace sql;

namespace {

QVariant orNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

ConversationStore::ConversationStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

Result<Contact> ConversationStore::upsertContact(qint64 tenantId, const QString &phone,
                                                 const QString &name)
{
    if (phone.trimmed().isEmpty())
        return Result<Contact>::failure(QStringLiteral("A customer needs a phone number."));
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO contacts (tenant_id, phone, name, created_at) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, phone) DO UPDATE SET "
                           "name = CASE WHEN excluded.name <> '' AND contacts.name_from_shop = 0 "
                           "THEN excluded.name "
                           "ELSE contacts.name END RETURNING id, phone, name, created_at"),
            {tenantId, phone.trimmed(), name.trimmed(), now()});
        const SqlRow &r = rows.first();
        return Contact{r[0].toLongLong(), tenantId, r[1].toString(), r[2].toString(), time(r[3])};
    });
}

Result<bool> ConversationStore::setOptedOut(qint64 tenantId, qint64 conversationId, bool out)
{
    const QString contact = QStringLiteral(
        "id = (SELECT contact_id FROM conversations WHERE tenant_id = ? AND id = ?) RETURNING id");
    return guard([&] {
        const SqlRows rows =
            out ? m_db.query(QStringLiteral("UPDATE contacts SET opted_out_at = ? WHERE tenant_id "
                                            "= ? AND opted_out_at IS NULL AND ") +
                                 contact,
                             {now(), tenantId, tenantId, conversationId})
                : m_db.query(QStringLiteral("UPDATE contacts SET opted_out_at = NULL WHERE "
                                            "tenant_id = ? AND opted_out_at IS NOT NULL AND "
                                            "erased_at IS NULL AND ") +
                                 contact,
                             {tenantId, tenantId, conversationId});
        return !rows.isEmpty();
    });
}

Result<bool> ConversationStore::optedOut(qint64 tenantId, qint64 conversationId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT k.opted_out_at FROM conversations c JOIN contacts k ON "
                           "k.tenant_id = c.tenant_id AND k.id = c.contact_id WHERE c.tenant_id "
                           "= ? AND c.id = ?"),
            {tenantId, conversationId});
        return !rows.isEmpty() && !rows.first()[0].isNull();
    });
}

Result<QList<Contact>> ConversationStore::contacts(qint64 tenantId)
{
    return guard([&] {
        QList<Contact> list;
        const SqlRows rows =
            m_db.query(QStringLiteral("SELECT id, phone, name, created_at FROM "
                                      "contacts WHERE tenant_id = ? ORDER BY name, id"),
                       {tenantId});
        for (const SqlRow &r : rows)
            list.append(
                {r[0].toLongLong(), tenantId, r[1].toString(), r[2].toString(), time(r[3])});
        return list;
    });
}

Result<Contact> ConversationStore::contact(qint64 tenantId, qint64 contactId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT id, phone, name, created_at FROM "
                                                       "contacts WHERE tenant_id = ? AND id = ?"),
                                        {tenantId, contactId});
        if (rows.isEmpty())
            throw NotFound(QStringLiteral("There is no customer %1 in this store.").arg(contactId));
        const SqlRow &r = rows.first();
        return Contact{r[0].toLongLong(), tenantId, r[1].toString(), r[2].toString(), time(r[3])};
    });
}

Conversation ConversationStore::requireConversation(qint64 tenantId, qint64 conversationId)
{
    const SqlRows rows =
        m_db.query(QStringLiteral("SELECT ") + conversationColumns() +
                       QStringLiteral(" FROM conversations c WHERE c.tenant_id = ? AND c.id = ?"),
                   {tenantId, conversationId});
    if (rows.isEmpty())
        throw NotFound(
            QStringLiteral("Conversation %1 does not exist in this store.").arg(conversationId));
    return conversationFrom(rows.first());
}

Result<Conversation> ConversationStore::openConversation(qint64 tenantId, qint64 contactId,
                                                         qint64 channelId,
                                                         const QDateTime &startedAt)
{
    std::optional<Conversation> reopened;
    QList<Message> lines;
    auto result = guard([&] {
        return transaction(m_db, [&] {
            const SqlRows open =
                m_db.query(QStringLiteral("SELECT ") + conversationColumns() +
                               QStringLiteral(" FROM conversations c WHERE c.tenant_id = ? AND "
                                              "c.contact_id = ? AND c.owner_kind <> 'closed' "
                                              "ORDER BY c.id DESC LIMIT 1"),
                           {tenantId, contactId});
            if (!open.isEmpty())
                return conversationFrom(open.first());
            if (!startedAt.isValid()) {
                reopened = reopenClosed(tenantId, contactId, lines);
                if (reopened)
                    return *reopened;
            }
            const qint64 t = startedAt.isValid() ? startedAt.toMSecsSinceEpoch() : now();
            const SqlRows rows = m_db.query(
                QStringLiteral("INSERT INTO conversations (tenant_id, channel_id, contact_id, "
                               "last_message_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"),
                {tenantId, nullableId(channelId), contactId, t, t});
            return requireConversation(tenantId, rows.first()[0].toLongLong());
        });
    });
    if (result && reopened) {
        m_db.afterCommit([=, this] { Q_EMIT conversationChanged(tenantId, result.value()); },
                         QStringLiteral("c:%1:%2").arg(tenantId).arg(result.value().id));
        emitAppended(tenantId, lines);
    }
    return result;
}

std::optional<Conversation> ConversationStore::reopenClosed(qint64 tenantId, qint64 contactId,
                                                            QList<Message> &lines)
{
    // The customer writes to a closed chat: it opens again, to the bot, or to the person who
    // had it when the store says so (inbox.reopen_to = person).
    const SqlRows closed = m_db.query(
        QStringLiteral("SELECT c.id, c.owner_operator_id FROM conversations c WHERE "
                       "c.tenant_id = ? AND c.contact_id = ? AND c.owner_kind = 'closed' "
                       "ORDER BY c.id DESC LIMIT 1"),
        {tenantId, contactId});
    if (closed.isEmpty())
        return std::nullopt;
    const qint64 id = closed.first()[0].toLongLong();
    const qint64 lastOperator = closed.first()[1].toLongLong();
    const SqlRows setting =
        m_db.query(QStringLiteral("SELECT value FROM settings WHERE tenant_id = ? AND key = ?"),
                   {tenantId, QStringLiteral("inbox.reopen_to")});
    const bool toPerson = lastOperator > 0 && !setting.isEmpty() &&
                          setting.first()[0].toString() == QLatin1String("person");
    m_db.exec(QStringLiteral("UPDATE conversations SET owner_kind = ?, owner_operator_id = ?, "
                             "closed_reason = '' WHERE tenant_id = ? AND id = ?"),
              {toPerson ? QStringLiteral("human") : QStringLiteral("bot"),
               toPerson ? QVariant(lastOperator) : QVariant(), tenantId, id});
    Message line;
    line.conversationId = id;
    line.direction = Direction::Outbound;
    line.author = Author::System;
    line.type = QStringLiteral("system");
    line.body = toPerson ? QStringLiteral("The customer wrote again: the chat is open and "
                                          "back with the person who closed it.")
                         : QStringLiteral("The customer wrote again: the chat is open and the "
                                          "bot answers.");
    line.createdAt = QDateTime::currentDateTimeUtc();
    recordEvent(tenantId, id, QStringLiteral("reopen"), 0, {}, QStringLiteral("customer wrote"),
                line.createdAt.toMSecsSinceEpoch());
    lines = insertMessages(tenantId, {line});
    touchConversations(tenantId, lines);
    return requireConversation(tenantId, id);
}

Result<Conversation> ConversationStore::conversation(qint64 tenantId, qint64 conversationId)
{
    return guard([&] { return requireConversation(tenantId, conversationId); });
}

Result<QList<ConversationSummary>> ConversationStore::summaries(qint64 tenantId, int limit)
{
    return guard([&] {
        QList<ConversationSummary> list;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + conversationColumns() +
                QStringLiteral(
                    ", ct.name, ct.phone, (SELECT m.body FROM messages m WHERE "
                    "m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.type NOT IN "
                    "('system', 'note') ORDER BY m.id DESC LIMIT 1), o.name "
                    "FROM conversations c JOIN contacts ct ON ct.tenant_id = "
                    "c.tenant_id AND ct.id = c.contact_id LEFT JOIN operators o ON "
                    "o.tenant_id = c.tenant_id AND o.id = c.owner_operator_id "
                    "WHERE c.tenant_id = ? ORDER BY c.last_message_at DESC, c.id DESC "
                    "LIMIT ?"),
            {tenantId, limit});
        for (const SqlRow &r : rows)
            list.append({conversationFrom(r), r[14].toString(), r[15].toString(), r[16].toString(),
                         r[17].toString()});
        return list;
    });
}

Result<Conversation> ConversationStore::setOwner(qint64 tenantId, qint64 conversationId,
                                                 OwnerKind owner, qint64 operatorId,
                                                 const QString &closedReason, const QDateTime &at)
{
    if (owner == OwnerKind::Human && operatorId <= 0)
        return Result<Conversation>::failure(
            QStringLiteral("A conversation taken by a person needs that person's name."));
    // Whoever owns it now, nobody is waiting any more: a person answers, the bot was handed it
    // back on purpose, or the chat is closed. A closed chat remembers who closed it.
    return transact(m_db, [&]() -> Result<Conversation> {
        const Conversation before = requireConversation(tenantId, conversationId);
        auto after = updateConversation(
            tenantId, conversationId,
            QStringLiteral("owner_kind = ?, owner_operator_id = ?, needs_human = 0, "
                           "needs_human_since = NULL, closed_reason = ?"),
            {toText(owner),
             operatorId > 0 && owner != OwnerKind::Bot ? QVariant(operatorId) : QVariant(),
             owner == OwnerKind::Closed ? closedReason : QString()});
        if (after) {
            const QString kind = ownerEvent(before, after.value());
            // A person who takes a chat nobody asked for starts a handoff of their own ("self");
            // taking one that waited answers the bot's ("queue").
            const QString code = kind != QLatin1String("takeover") ? QString()
                                 : before.needsHuman               ? QStringLiteral("queue")
                                                                   : QStringLiteral("self");
            if (!kind.isEmpty())
                recordEvent(tenantId, conversationId, kind, operatorId, code, closedReason,
                            at.isValid() ? at.toMSecsSinceEpoch() : 0);
        }
        return after;
    });
}

QString ConversationStore::ownerEvent(const Conversation &before, const Conversation &after)
{
    switch (after.owner) {
    case OwnerKind::Human:
        return before.owner == OwnerKind::Bot                    ? QStringLiteral("takeover")
               : before.owner == OwnerKind::Closed               ? QStringLiteral("reopen")
               : before.ownerOperatorId != after.ownerOperatorId ? QStringLiteral("assign")
                                                                 : QString();
    case OwnerKind::Bot:
        return before.owner == OwnerKind::Human    ? QStringLiteral("handback")
               : before.owner == OwnerKind::Closed ? QStringLiteral("reopen")
                                                   : QString();
    case OwnerKind::Closed:
        return before.owner != OwnerKind::Closed ? QStringLiteral("close") : QString();
    }
    return {};
}

void ConversationStore::recordEvent(qint64 tenantId, qint64 conversationId, const QString &kind,
                                    qint64 operatorId, const QString &reasonCode,
                                    const QString &reason, qint64 at)
{
    const qint64 when = at > 0 ? at : now();
    const SqlRows id = m_db.query(
        QStringLiteral("INSERT INTO conversation_events (tenant_id, conversation_id, at, "
                       "kind, reason_code, reason, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        {tenantId, conversationId, when, kind, reasonCode, reason, nullableId(operatorId)});
    ChatActivity(m_db).eventAdded(tenantId, conversationId, id.first()[0].toLongLong(), kind, when);
}

Result<Conversation> ConversationStore::updateConversation(qint64 tenantId, qint64 conversationId,
                                                           const QString &assignments,
                                                           QVariantList params)
{
    // One row's columns; then the row as stored, and conversationChanged.
    params << tenantId << conversationId;
    auto result = guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("UPDATE conversations SET ") + assignments +
                                            QStringLiteral(" WHERE tenant_id = ? AND id = ? "
                                                           "RETURNING id"),
                                        params);
        if (rows.isEmpty())
            throw NotFound(QStringLiteral("Conversation %1 does not exist in this store.")
                               .arg(conversationId));
        return requireConversation(tenantId, conversationId);
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT conversationChanged(tenantId, result.value()); },
                         QStringLiteral("c:%1:%2").arg(tenantId).arg(result.value().id));
    return result;
}

Result<Conversation> ConversationStore::lockConversation(qint64 tenantId, qint64 conversationId)
{
    // PostgreSQL: the row stays locked until the caller's transaction ends, so an ownership
    // change and the bot's reply for one chat are serialized across connections and nodes.
    // SQLite: one writer at a time already; the caller's transaction is that writer.
    return guard([&] {
        const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + conversationColumns() +
                QStringLiteral(" FROM conversations c WHERE c.tenant_id = ? AND c.id = ?") +
                (pg ? QStringLiteral(" FOR UPDATE") : QString()),
            {tenantId, conversationId});
        if (rows.isEmpty())
            throw NotFound(QStringLiteral("Conversation %1 does not exist in this store.")
                               .arg(conversationId));
        return conversationFrom(rows.first());
    });
}

Result<QList<qint64>> ConversationStore::searchMessages(qint64 tenantId, const QString &text,
                                                        int limit)
{
    // Words (letters and digits) as prefixes, all of them: "amu butt" finds "Amul butter".
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}\\p{M}]+"));
    QStringList words;
    for (auto it = word.globalMatch(text.toLower()); it.hasNext() && words.size() < 8;)
        words << it.next().captured(0);
    if (words.isEmpty())
        return QList<qint64>{};
    const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
    QStringList terms;
    for (const QString &w : std::as_const(words))
        terms << (pg ? QStringLiteral("'%1':*").arg(w) : QStringLiteral("\"%1\"*").arg(w));
    const QString match = terms.join(pg ? QStringLiteral(" & ") : QStringLiteral(" AND "));
    const QString sql =
        pg ? QStringLiteral("SELECT m.conversation_id, MAX(m.id) FROM messages m WHERE "
                            "m.tenant_id = ? AND m.type <> 'system' AND "
                            "to_tsvector('simple', m.body) @@ to_tsquery('simple', ?) "
                            "GROUP BY m.conversation_id ORDER BY 2 DESC LIMIT ?")
           : QStringLiteral(
                 "SELECT m.conversation_id, MAX(m.id) FROM message_search JOIN "
                 "messages m ON m.id = message_search.rowid WHERE message_search MATCH ? AND "
                 "m.tenant_id = ? AND m.type <> 'system' "
                 "GROUP BY m.conversation_id ORDER BY 2 DESC LIMIT ?");
    return guard([&] {
        const SqlRows rows = pg ? m_db.query(sql, {tenantId, match, limit})
                                : m_db.query(sql, {match, tenantId, limit});
        QList<qint64> ids;
        for (const SqlRow &r : rows)
            ids.append(r[0].toLongLong());
        return ids;
    });
}

Result<QList<qint64>> ConversationStore::silentHumanChats(qint64 tenantId, const QDateTime &before)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT c.id FROM conversations c WHERE c.tenant_id = ? AND "
                           "c.owner_kind = 'human' AND COALESCE((SELECT MAX(m.created_at) FROM "
                           "messages m WHERE m.tenant_id = c.tenant_id AND m.conversation_id = "
                           "c.id AND (m.author = 'human' OR m.type = 'system')), "
                           "c.last_message_at) < ? ORDER BY c.id"),
            {tenantId, before.toMSecsSinceEpoch()});
        QList<qint64> ids;
        for (const SqlRow &r : rows)
            ids.append(r[0].toLongLong());
        return ids;
    });
}

Result<Conversation> ConversationStore::setLabels(qint64 tenantId, qint64 conversationId,
                                                  const QStringList &labels)
{
    QJsonArray array;
    for (const QString &label : labels)
        if (!label.trimmed().isEmpty() && !array.contains(label.trimmed()))
            array.append(label.trimmed());
    return updateConversation(
        tenantId, conversationId, QStringLiteral("labels = ?"),
        {QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact))});
}

Result<Conversation> ConversationStore::setNeedsHuman(qint64 tenantId, qint64 conversationId,
                                                      bool needsHuman, const QString &reason,
                                                      const QDateTime &since,
                                                      const QString &reasonCode)
{
    const qint64 at = since.isValid() ? since.toMSecsSinceEpoch() : now();
    return transact(m_db, [&]() -> Result<Conversation> {
        const bool waited = requireConversation(tenantId, conversationId).needsHuman;
        auto after = updateConversation(
            tenantId, conversationId,
            QStringLiteral("needs_human = ?, escalation_reason = ?, needs_human_since = CASE "
                           "WHEN ? = 0 THEN NULL WHEN needs_human = 1 AND needs_human_since IS "
                           "NOT NULL THEN needs_human_since ELSE ? END"),
            {needsHuman ? 1 : 0, needsHuman ? reason : QString(), needsHuman ? 1 : 0, at});
        if (after && needsHuman && !waited)
            recordEvent(tenantId, conversationId, QStringLiteral("escalated"), 0,
                        reasonCode.isEmpty() ? QString(EscalationReason::Other) : reasonCode,
                        reason, at);
        return after;
    });
}

void ConversationStore::touchConversations(qint64 tenantId, const QList<Message> &messages)
{
    // One update per conversation with its newest times; it also proves each conversation
    // belongs to this store before anything is written.
    struct Clocks
    {
        qint64 last = 0;
        qint64 customer = 0;
    };
    QHash<qint64, Clocks> clocks;
    QList<qint64> order;
    for (const Message &m : messages) {
        if (!clocks.contains(m.conversationId))
            order.append(m.conversationId);
        Clocks &c = clocks[m.conversationId];
        const qint64 created = m.createdAt.toMSecsSinceEpoch();
        c.last = std::max(c.last, created);
        if (m.author == Author::Customer)
            c.customer = std::max(c.customer, created);
    }
    // In id order, as every writer of several chats locks them (no two wait on each other).
    std::sort(order.begin(), order.end());
    for (const qint64 id : std::as_const(order)) {
        const Clocks c = clocks.value(id);
        const SqlRows touched = m_db.query(
            QStringLiteral(
                "UPDATE conversations SET "
                "last_message_at = CASE WHEN last_message_at > ? THEN last_message_at "
                "ELSE ? END, last_customer_message_at = CASE WHEN CAST(? AS BIGINT) = 0 THEN "
                "last_customer_message_at WHEN last_customer_message_at > ? THEN "
                "last_customer_message_at ELSE ? END WHERE tenant_id = ? AND id = ? "
                "RETURNING id"),
            {c.last, c.last, c.customer, c.customer, c.customer, tenantId, id});
        if (touched.isEmpty())
            throw NotFound(QStringLiteral("Conversation %1 does not exist in this store.").arg(id));
    }
}

QList<Message> ConversationStore::insertMessages(qint64 tenantId, const QList<Message> &messages)
{
    static const QString head = QStringLiteral(
        "INSERT INTO messages (tenant_id, conversation_id, direction, author, author_operator_id, "
        "type, body, media_ref, provider_message_id, status, failure_reason, reply_to_id, "
        "created_at, sent_at, delivered_at, read_at, failed_at, media_state, media_mime, "
        "media_source, extra, mood) VALUES ");
    static const QString row =
        QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    // Rows per statement: few distinct statement shapes (so they stay prepared), and far below
    // both engines' limits on parameters per statement.
    constexpr int kChunk = 100;
    QList<Message> stored;
    stored.reserve(messages.size());
    for (int from = 0; from < messages.size(); from += kChunk) {
        const int count = int(std::min<qsizetype>(kChunk, messages.size() - from));
        QString sql = head;
        SqlParams params;
        params.reserve(count * 22);
        for (int i = 0; i < count; ++i) {
            const Message &m = messages.at(from + i);
            sql += (i ? QStringLiteral(", ") : QString()) + row;
            params << tenantId << m.conversationId << toText(m.direction) << toText(m.author)
                   << nullableId(m.authorOperatorId) << m.type << m.body << orNull(m.mediaRef)
                   << orNull(m.providerMessageId) << toText(m.status) << m.failureReason
                   << nullableId(m.replyToId) << m.createdAt.toMSecsSinceEpoch() << ms(m.sentAt)
                   << ms(m.deliveredAt) << ms(m.readAt) << ms(m.failedAt) << m.mediaState
                   << m.mediaMime << m.mediaSource
                   << (m.extraJson.isEmpty() ? QStringLiteral("{}") : m.extraJson)
                   << (m.mood ? QVariant(*m.mood) : QVariant());
        }
        const SqlRows rows =
            m_db.query(sql + QStringLiteral(" RETURNING ") + messageColumns(), params);
        // Neither engine promises RETURNING order; ids are handed out in VALUES order.
        QList<Message> chunk;
        for (const SqlRow &r : rows)
            chunk.append(messageFrom(r));
        std::sort(chunk.begin(), chunk.end(),
                  [](const Message &a, const Message &b) { return a.id < b.id; });
        stored += chunk;
    }
    for (qsizetype i = 0; i < stored.size() && i < messages.size(); ++i)
        stored[i].mood = messages.at(i).mood; // not read back; ids follow the VALUES order
    ChatActivity(m_db).messagesAdded(tenantId, stored);
    return stored;
}

Result<QList<Message>> ConversationStore::appendMessages(qint64 tenantId,
                                                         const QList<Message> &messages)
{
    QList<Message> stamped = messages;
    const QDateTime stamp = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
    for (Message &m : stamped) {
        if (!m.createdAt.isValid())
            m.createdAt = stamp;
    }
    auto result = guard([&] {
        return transaction(m_db, [&] {
            touchConversations(tenantId, stamped);
            return insertMessages(tenantId, stamped);
        });
    });
    if (result)
        emitAppended(tenantId, result.value());
    return result;
}

void ConversationStore::emitAppended(qint64 tenantId, const QList<Message> &messages)
{
    // One signal per conversation, with all of its new messages: models insert them at once.
    QList<qint64> order;
    QHash<qint64, QList<Message>> byConversation;
    for (const Message &m : messages) {
        if (!byConversation.contains(m.conversationId))
            order.append(m.conversationId);
        byConversation[m.conversationId].append(m);
    }
    for (const qint64 id : std::as_const(order)) {
        QStringList ids;
        for (const Message &m : byConversation.value(id))
            ids << QString::number(m.id);
        m_db.afterCommit(
            [=, this] { Q_EMIT messagesAppended(tenantId, id, byConversation.value(id)); },
            QStringLiteral("a:%1:%2:%3").arg(tenantId).arg(id).arg(ids.join(QLatin1Char(','))));
    }
}

Result<Message> ConversationStore::appendMessage(qint64 tenantId, const Message &message)
{
    auto result = appendMessages(tenantId, {message});
    if (!result)
        return Result<Message>::failure(result.error());
    return result.value().first();
}

Result<QList<Message>> ConversationStore::latestMessages(qint64 tenantId, qint64 conversationId,
                                                         int limit, qint64 beforeId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + messageColumns() +
                QStringLiteral(" FROM messages WHERE tenant_id = ? AND conversation_id = ? AND "
                               "id < ? ORDER BY id DESC LIMIT ?"),
            {tenantId, conversationId, beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max(),
             limit});
        QList<Message> list;
        list.reserve(rows.size());
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            list.append(messageFrom(*it));
        return list;
    });
}

Message ConversationStore::requireMessage(qint64 tenantId, qint64 messageId)
{
    const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + messageColumns() +
                                        QStringLiteral(" FROM messages WHERE tenant_id = ? AND "
                                                       "id = ?"),
                                    {tenantId, messageId});
    if (rows.isEmpty())
        throw NotFound(QStringLiteral("Message %1 does not exist in this store.").arg(messageId));
    return messageFrom(rows.first());
}

Result<Message> ConversationStore::updated(Result<Message> result)
{
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT messageUpdated(result->tenantId, result.value()); },
                         QStringLiteral("u:%1:%2").arg(result->tenantId).arg((result.value()).id));
    return result;
}

Result<std::optional<Message>> ConversationStore::messageByProviderId(qint64 tenantId,
                                                                      const QString &providerId)
{
    return guard([&]() -> std::optional<Message> {
        if (providerId.isEmpty())
            return std::nullopt;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + messageColumns() +
                QStringLiteral(" FROM messages WHERE tenant_id = ? AND provider_message_id = ? "
                               "ORDER BY id LIMIT 1"),
            {tenantId, providerId});
        if (rows.isEmpty())
            return std::nullopt;
        return messageFrom(rows.first());
    });
}

Result<Message> ConversationStore::message(qint64 tenantId, qint64 messageId)
{
    return guard([&] { return requireMessage(tenantId, messageId); });
}

Result<std::optional<Message>> ConversationStore::advanceStatus(qint64 tenantId, qint64 messageId,
                                                                MessageStatus status,
                                                                const QDateTime &at,
                                                                const QString &failureReason)
{
    static const QString rank = QStringLiteral(
        "CASE status WHEN 'received' THEN 0 WHEN 'queued' THEN 1 WHEN 'sent' THEN 2 "
        "WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 WHEN 'failed' THEN 5 ELSE 0 END");
    QString column;
    switch (status) {
    case MessageStatus::Sent:
        column = QStringLiteral("sent_at");
        break;
    case MessageStatus::Delivered:
        column = QStringLiteral("delivered_at");
        break;
    case MessageStatus::Read:
        column = QStringLiteral("read_at");
        break;
    case MessageStatus::Failed:
        column = QStringLiteral("failed_at");
        break;
    default:
        return Result<std::optional<Message>>(std::nullopt);
    }
    auto result = guard([&]() -> std::optional<Message> {
        const qint64 t = at.isValid() ? at.toMSecsSinceEpoch() : now();
        const SqlRows rows = m_db.query(
            QStringLiteral("UPDATE messages SET status = ?, ") + column +
                QStringLiteral(" = ?, failure_reason = ? WHERE tenant_id = ? AND id = ? AND ") +
                rank + QStringLiteral(" < ? RETURNING id"),
            {toText(status), t, status == MessageStatus::Failed ? failureReason : QString(),
             tenantId, messageId, int(status)});
        if (rows.isEmpty())
            return std::nullopt;
        return requireMessage(tenantId, messageId);
    });
    if (result && result->has_value())
        m_db.afterCommit([=, this] { Q_EMIT messageUpdated(tenantId, *result.value()); },
                         QStringLiteral("u:%1:%2").arg(tenantId).arg((*result.value()).id));
    return result;
}

Status ConversationStore::markSentMany(const QList<ProviderReceipt> &receipts, const QDateTime &at)
{
    if (receipts.isEmpty())
        return Done{};
    // Ranked as in advanceStatus: only 'received' and 'queued' move forward to 'sent'.
    static const QString earlier = QStringLiteral("status IN ('received', 'queued')");
    auto result = guard([&] {
        SqlParams params;
        for (const ProviderReceipt &r : receipts)
            params << r.tenantId << r.messageId << r.providerMessageId;
        const qint64 t = at.isValid() ? at.toMSecsSinceEpoch() : now();
        params << t;
        const SqlRows rows = m_db.query(
            QStringLiteral("WITH v(vt, vm, vp) AS (VALUES ") +
                valuesRows(receipts.size(), QStringLiteral("(CAST(? AS BIGINT), CAST(? AS "
                                                           "BIGINT), CAST(? AS TEXT))")) +
                QStringLiteral(") UPDATE messages SET provider_message_id = v.vp, "
                               "status = CASE WHEN ") +
                earlier + QStringLiteral(" THEN 'sent' ELSE status END, sent_at = CASE WHEN ") +
                earlier +
                QStringLiteral(" THEN CAST(? AS BIGINT) ELSE sent_at END, "
                               "failure_reason = CASE WHEN ") +
                earlier +
                QStringLiteral(" THEN '' ELSE failure_reason END FROM v WHERE "
                               "messages.tenant_id = v.vt AND messages.id = v.vm RETURNING ") +
                messageColumns(),
            params);
        QList<Message> messages;
        messages.reserve(rows.size());
        for (const SqlRow &row : rows)
            messages.append(messageFrom(row));
        return messages;
    });
    if (!result)
        return Result<Done>::failure(result);
    for (const Message &m : std::as_const(result.value()))
        m_db.afterCommit([=, this] { Q_EMIT messageUpdated(m.tenantId, m); },
                         QStringLiteral("u:%1:%2").arg(m.tenantId).arg(m.id));
    return Done{};
}

Result<Message> ConversationStore::setProviderMessageId(qint64 tenantId, qint64 messageId,
                                                        const QString &providerId)
{
    return updated(guard([&] {
        m_db.exec(QStringLiteral("UPDATE messages SET provider_message_id = ? WHERE tenant_id = ? "
                                 "AND id = ?"),
                  {providerId, tenantId, messageId});
        return requireMessage(tenantId, messageId);
    }));
}

Result<Message> ConversationStore::setMedia(qint64 tenantId, qint64 messageId, const QString &state,
                                            const QString &ref, const QString &mime)
{
    return updated(guard([&] {
        m_db.exec(QStringLiteral("UPDATE messages SET media_state = ?, media_ref = ?, "
                                 "media_mime = CASE WHEN ? = '' THEN media_mime ELSE ? END "
                                 "WHERE tenant_id = ? AND id = ?"),
                  {state, orNull(ref), mime, mime, tenantId, messageId});
        return requireMessage(tenantId, messageId);
    }));
}

Result<QList<ConversationStore::PendingMedia>>
ConversationStore::pendingMedia(const QDateTime &since, int limit)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + messageColumns() +
                QStringLiteral(", (SELECT c.channel_id FROM conversations c WHERE c.tenant_id = "
                               "messages.tenant_id AND c.id = messages.conversation_id) FROM "
                               "messages WHERE media_state = 'pending' AND direction = 'in' AND "
                               "created_at >= ? ORDER BY id LIMIT ?"),
            {ms(since), limit});
        QList<PendingMedia> out;
        for (const SqlRow &r : rows)
            out.append({messageFrom(r), r.last().toLongLong()});
        return out;
    });
}

Result<QDateTime> ConversationStore::previousInboundAt(qint64 tenantId, qint64 contactId,
                                                       qint64 beforeMessageId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT MAX(m.created_at) FROM messages m JOIN conversations c ON "
                           "c.tenant_id = m.tenant_id AND c.id = m.conversation_id WHERE "
                           "m.tenant_id = ? AND c.contact_id = ? AND m.direction = 'in' AND "
                           "m.author = 'customer' AND m.id < ?"),
            {tenantId, contactId, beforeMessageId});
        return rows.isEmpty() || rows.first().at(0).isNull() ? QDateTime()
                                                             : time(rows.first().at(0));
    });
}

Result<Message> ConversationStore::setReading(qint64 tenantId, qint64 messageId,
                                              const QJsonObject &reading)
{
    return updated(guard([&] {
        const Message m = requireMessage(tenantId, messageId);
        QJsonObject extra = QJsonDocument::fromJson(m.extraJson.toUtf8()).object();
        extra.insert(QStringLiteral("reading"), reading);
        m_db.exec(QStringLiteral("UPDATE messages SET extra = ? WHERE tenant_id = ? AND id = ?"),
                  {QString::fromUtf8(QJsonDocument(extra).toJson(QJsonDocument::Compact)), tenantId,
                   messageId});
        return requireMessage(tenantId, messageId);
    }));
}

Result<Conversation> ConversationStore::markHandledByStorePhone(qint64 tenantId,
                                                                qint64 conversationId)
{
    // A reply from the store's own phone: a person is handling this chat, so the bot stays quiet
    // until someone hands it back. No operator is named: the console shows "the store's phone".
    auto result = guard([&] {
        const SqlRows moved = m_db.query(
            QStringLiteral("UPDATE conversations SET owner_kind = 'human', "
                           "owner_operator_id = NULL, needs_human = 0 "
                           "WHERE tenant_id = ? AND id = ? AND owner_kind = 'bot' RETURNING id"),
            {tenantId, conversationId});
        if (!moved.isEmpty())
            recordEvent(tenantId, conversationId, QStringLiteral("takeover"), 0, {},
                        QStringLiteral("the store's phone replied"));
        return requireConversation(tenantId, conversationId);
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT conversationChanged(tenantId, result.value()); },
                         QStringLiteral("c:%1:%2").arg(tenantId).arg(result.value().id));
    return result;
}

} // namespace shopdesk
