#include "storage/Rows.h"

#include "storage/SqlSupport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace shopdesk::sql {

const QString &messageColumns()
{
    static const QString columns = QStringLiteral(
        "id, tenant_id, conversation_id, direction, author, author_operator_id, type, body, "
        "media_ref, provider_message_id, status, failure_reason, reply_to_id, created_at, sent_at, "
        "delivered_at, read_at, failed_at, media_state, media_mime, media_source, extra");
    return columns;
}

Message messageFrom(const SqlRow &r)
{
    Message m;
    m.id = r[0].toLongLong();
    m.tenantId = r[1].toLongLong();
    m.conversationId = r[2].toLongLong();
    m.direction = directionFromString(r[3].toString());
    m.author = authorFromString(r[4].toString());
    m.authorOperatorId = r[5].toLongLong();
    m.type = r[6].toString();
    m.body = r[7].toString();
    m.mediaRef = r[8].toString();
    m.providerMessageId = r[9].toString();
    m.status = messageStatusFromString(r[10].toString());
    m.failureReason = r[11].toString();
    m.replyToId = r[12].toLongLong();
    m.createdAt = time(r[13]);
    m.sentAt = time(r[14]);
    m.deliveredAt = time(r[15]);
    m.readAt = time(r[16]);
    m.failedAt = time(r[17]);
    m.mediaState = r[18].toString();
    m.mediaMime = r[19].toString();
    m.mediaSource = r[20].toString();
    m.extraJson = r[21].toString();
    return m;
}

const QString &conversationColumns()
{
    static const QString columns = QStringLiteral(
        "c.id, c.tenant_id, c.channel_id, c.contact_id, c.owner_kind, c.owner_operator_id, "
        "c.needs_human, c.escalation_reason, c.last_customer_message_at, c.last_message_at, "
        "c.labels, c.created_at, c.needs_human_since, c.closed_reason");
    return columns;
}

Conversation conversationFrom(const SqlRow &r)
{
    Conversation c;
    c.id = r[0].toLongLong();
    c.tenantId = r[1].toLongLong();
    c.channelId = r[2].toLongLong();
    c.contactId = r[3].toLongLong();
    c.owner = ownerKindFromString(r[4].toString());
    c.ownerOperatorId = r[5].toLongLong();
    c.needsHuman = r[6].toInt() != 0;
    c.escalationReason = r[7].toString();
    c.lastCustomerMessageAt = time(r[8]);
    c.lastMessageAt = time(r[9]);
    for (const auto &v : QJsonDocument::fromJson(r[10].toString().toUtf8()).array())
        c.labels << v.toString();
    c.createdAt = time(r[11]);
    c.needsHumanSince = time(r[12]);
    c.closedReason = r[13].toString();
    return c;
}

} // namespace shopdesk::sql
