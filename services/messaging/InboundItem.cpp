#include "messaging/InboundItem.h"

namespace shopdesk {

namespace {

void put(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

QString take(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

QString toText(InboundItem::Kind kind)
{
    return kind == InboundItem::Kind::Status ? QStringLiteral("status") : QStringLiteral("message");
}

QString InboundItem::dedupeKey() const
{
    if (kind == Kind::Message)
        return providerMessageId;
    // Each status of a message is its own event: "delivered" after "sent" is news, not a repeat.
    return QStringLiteral("status:") + providerMessageId + QLatin1Char(':') + status;
}

QJsonObject InboundItem::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("kind"), toText(kind));
    put(o, "id", providerMessageId);
    put(o, "customer", customer);
    put(o, "customer_name", customerName);
    if (timestamp.isValid())
        o.insert(QLatin1String("timestamp"), timestamp.toMSecsSinceEpoch());
    if (kind == Kind::Message) {
        if (fromStore)
            o.insert(QLatin1String("from_store"), true);
        put(o, "type", type);
        put(o, "body", body);
        put(o, "reply_to", replyTo);
        put(o, "media_id", mediaId);
        put(o, "media_url", mediaUrl);
        put(o, "media_mime", mediaMime);
        put(o, "media_file_name", mediaFileName);
        if (!mediaData.isEmpty())
            o.insert(QLatin1String("media_data"), QString::fromLatin1(mediaData.toBase64()));
        if (!extra.isEmpty())
            o.insert(QLatin1String("extra"), extra);
    } else {
        put(o, "status", status);
        put(o, "error_code", errorCode);
        put(o, "error_text", errorText);
        put(o, "correlation", correlation);
    }
    return o;
}

InboundItem InboundItem::fromJson(const QJsonObject &o)
{
    InboundItem item;
    item.kind = take(o, "kind") == QLatin1String("status") ? Kind::Status : Kind::Message;
    item.providerMessageId = take(o, "id");
    item.customer = take(o, "customer");
    item.customerName = take(o, "customer_name");
    if (o.contains(QLatin1String("timestamp")))
        item.timestamp = QDateTime::fromMSecsSinceEpoch(
            qint64(o.value(QLatin1String("timestamp")).toDouble()), Qt::UTC);
    item.fromStore = o.value(QLatin1String("from_store")).toBool();
    item.type = take(o, "type");
    item.body = take(o, "body");
    item.replyTo = take(o, "reply_to");
    item.mediaId = take(o, "media_id");
    item.mediaUrl = take(o, "media_url");
    item.mediaMime = take(o, "media_mime");
    item.mediaFileName = take(o, "media_file_name");
    item.mediaData = QByteArray::fromBase64(take(o, "media_data").toLatin1());
    item.extra = o.value(QLatin1String("extra")).toObject();
    item.status = take(o, "status");
    item.errorCode = take(o, "error_code");
    item.errorText = take(o, "error_text");
    item.correlation = take(o, "correlation");
    return item;
}

} // namespace shopdesk
