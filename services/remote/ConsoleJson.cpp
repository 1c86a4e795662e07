#include "remote/ConsoleJson.h"

namespace shopdesk {

namespace {

qint64 id(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

QString ConsoleJson::time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime ConsoleJson::time(const QJsonValue &v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs);
}

QJsonObject ConsoleJson::toJson(const Conversation &c)
{
    return {
        {QStringLiteral("id"), c.id},
        {QStringLiteral("tenantId"), c.tenantId},
        {QStringLiteral("channelId"), c.channelId},
        {QStringLiteral("contactId"), c.contactId},
        {QStringLiteral("owner"), toText(c.owner)},
        {QStringLiteral("ownerOperatorId"), c.ownerOperatorId},
        {QStringLiteral("needsHuman"), c.needsHuman},
        {QStringLiteral("escalationReason"), c.escalationReason},
        {QStringLiteral("needsHumanSince"), time(c.needsHumanSince)},
        {QStringLiteral("closedReason"), c.closedReason},
        {QStringLiteral("lastCustomerMessageAt"), time(c.lastCustomerMessageAt)},
        {QStringLiteral("lastMessageAt"), time(c.lastMessageAt)},
        {QStringLiteral("labels"), QJsonArray::fromStringList(c.labels)},
        {QStringLiteral("createdAt"), time(c.createdAt)},
    };
}

Conversation ConsoleJson::conversation(const QJsonObject &o)
{
    Conversation c;
    c.id = id(o, "id");
    c.tenantId = id(o, "tenantId");
    c.channelId = id(o, "channelId");
    c.contactId = id(o, "contactId");
    c.owner = ownerKindFromString(text(o, "owner"));
    c.ownerOperatorId = id(o, "ownerOperatorId");
    c.needsHuman = o.value(QLatin1String("needsHuman")).toBool();
    c.escalationReason = text(o, "escalationReason");
    c.needsHumanSince = time(o.value(QLatin1String("needsHumanSince")));
    c.closedReason = text(o, "closedReason");
    c.lastCustomerMessageAt = time(o.value(QLatin1String("lastCustomerMessageAt")));
    c.lastMessageAt = time(o.value(QLatin1String("lastMessageAt")));
    for (const QJsonValue &label : o.value(QLatin1String("labels")).toArray())
        c.labels.append(label.toString());
    c.createdAt = time(o.value(QLatin1String("createdAt")));
    return c;
}

QJsonObject ConsoleJson::toJson(const ConversationSummary &s)
{
    return {
        {QStringLiteral("conversation"), toJson(s.conversation)},
        {QStringLiteral("contactName"), s.contactName},
        {QStringLiteral("contactPhone"), s.contactPhone},
        {QStringLiteral("lastMessagePreview"), s.lastMessagePreview},
        {QStringLiteral("ownerName"), s.ownerName},
    };
}

ConversationSummary ConsoleJson::summary(const QJsonObject &o)
{
    ConversationSummary s;
    s.conversation = conversation(o.value(QLatin1String("conversation")).toObject());
    s.contactName = text(o, "contactName");
    s.contactPhone = text(o, "contactPhone");
    s.lastMessagePreview = text(o, "lastMessagePreview");
    s.ownerName = text(o, "ownerName");
    return s;
}

QJsonObject ConsoleJson::toJson(const Message &m)
{
    return {
        {QStringLiteral("id"), m.id},
        {QStringLiteral("tenantId"), m.tenantId},
        {QStringLiteral("conversationId"), m.conversationId},
        {QStringLiteral("direction"), toText(m.direction)},
        {QStringLiteral("author"), toText(m.author)},
        {QStringLiteral("authorOperatorId"), m.authorOperatorId},
        {QStringLiteral("type"), m.type},
        {QStringLiteral("body"), m.body},
        {QStringLiteral("mediaState"), m.mediaState},
        {QStringLiteral("mediaMime"), m.mediaMime},
        {QStringLiteral("extraJson"), m.extraJson},
        {QStringLiteral("status"), toText(m.status)},
        {QStringLiteral("failureReason"), m.failureReason},
        {QStringLiteral("replyToId"), m.replyToId},
        {QStringLiteral("createdAt"), time(m.createdAt)},
        {QStringLiteral("sentAt"), time(m.sentAt)},
        {QStringLiteral("deliveredAt"), time(m.deliveredAt)},
        {QStringLiteral("readAt"), time(m.readAt)},
        {QStringLiteral("failedAt"), time(m.failedAt)},
    };
}

Message ConsoleJson::message(const QJsonObject &o)
{
    Message m;
    m.id = id(o, "id");
    m.tenantId = id(o, "tenantId");
    m.conversationId = id(o, "conversationId");
    m.direction = directionFromString(text(o, "direction"));
    m.author = authorFromString(text(o, "author"));
    m.authorOperatorId = id(o, "authorOperatorId");
    m.type = o.value(QLatin1String("type")).toString(QStringLiteral("text"));
    m.body = text(o, "body");
    m.mediaState = text(o, "mediaState");
    m.mediaMime = text(o, "mediaMime");
    m.extraJson = o.value(QLatin1String("extraJson")).toString(QStringLiteral("{}"));
    m.status = messageStatusFromString(text(o, "status"));
    m.failureReason = text(o, "failureReason");
    m.replyToId = id(o, "replyToId");
    m.createdAt = time(o.value(QLatin1String("createdAt")));
    m.sentAt = time(o.value(QLatin1String("sentAt")));
    m.deliveredAt = time(o.value(QLatin1String("deliveredAt")));
    m.readAt = time(o.value(QLatin1String("readAt")));
    m.failedAt = time(o.value(QLatin1String("failedAt")));
    return m;
}

QJsonObject ConsoleJson::toJson(const Operator &op)
{
    return {
        {QStringLiteral("id"), op.id},
        {QStringLiteral("tenantId"), op.tenantId},
        {QStringLiteral("name"), op.name},
        {QStringLiteral("role"), toText(op.role)},
        {QStringLiteral("disabled"), op.disabled},
    };
}

Operator ConsoleJson::person(const QJsonObject &o)
{
    Operator op;
    op.id = id(o, "id");
    op.tenantId = id(o, "tenantId");
    op.name = text(o, "name");
    op.role = operatorRoleFromString(text(o, "role"));
    op.disabled = o.value(QLatin1String("disabled")).toBool();
    return op;
}

QJsonObject ConsoleJson::toJson(const Product &p)
{
    return {
        {QStringLiteral("id"), p.id},
        {QStringLiteral("sku"), p.sku},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("brand"), p.brand},
        {QStringLiteral("category"), p.category},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(p.aliases)},
        {QStringLiteral("unit"), p.unit},
        {QStringLiteral("priceMinor"), p.priceMinor},
        {QStringLiteral("stock"), p.stock},
        {QStringLiteral("lowStockThreshold"), p.lowStockThreshold},
        {QStringLiteral("updatedAt"), time(p.updatedAt)},
    };
}

Product ConsoleJson::product(const QJsonObject &o)
{
    Product p;
    p.id = id(o, "id");
    p.sku = text(o, "sku");
    p.name = text(o, "name");
    p.brand = text(o, "brand");
    p.category = text(o, "category");
    for (const QJsonValue &alias : o.value(QLatin1String("aliases")).toArray())
        p.aliases.append(alias.toString());
    p.unit = text(o, "unit");
    p.priceMinor = o.value(QLatin1String("priceMinor")).toInteger();
    p.stock = o.value(QLatin1String("stock")).toDouble();
    p.lowStockThreshold = o.value(QLatin1String("lowStockThreshold")).toDouble();
    p.updatedAt = time(o.value(QLatin1String("updatedAt")));
    return p;
}

QJsonObject ConsoleJson::toJson(const ExecutionTrace &t)
{
    return {
        {QStringLiteral("id"), t.id},
        {QStringLiteral("tenantId"), t.tenantId},
        {QStringLiteral("conversationId"), t.conversationId},
        {QStringLiteral("messageId"), t.messageId},
        {QStringLiteral("json"), QString::fromUtf8(t.json)},
        {QStringLiteral("createdAt"), time(t.createdAt)},
    };
}

ExecutionTrace ConsoleJson::trace(const QJsonObject &o)
{
    ExecutionTrace t;
    t.id = id(o, "id");
    t.tenantId = id(o, "tenantId");
    t.conversationId = id(o, "conversationId");
    t.messageId = id(o, "messageId");
    t.json = text(o, "json").toUtf8();
    t.createdAt = time(o.value(QLatin1String("createdAt")));
    return t;
}

} // namespace shopdesk
