#include "messaging/EvolutionWebhookParser.h"

#include "messaging/JsonFields.h"
#include "messaging/PhoneAddress.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace shopdesk {

namespace {

using json::obj;
using json::str;

QString eventName(QString event)
{
    return event.toLower().replace(QLatin1Char('_'), QLatin1Char('.'));
}

bool isGroup(const QString &jid)
{
    return jid.endsWith(QLatin1String("@g.us"));
}

void readContent(const QJsonObject &data, InboundItem &item)
{
    const QJsonObject message = obj(data, "message");
    QString messageType = str(data, "messageType");
    if (messageType.isEmpty() && !message.isEmpty())
        messageType = message.keys().first();
    const QJsonObject part = obj(message, messageType.toLatin1().constData());
    const QJsonObject contextInfo = obj(part, "contextInfo");
    item.replyTo = str(contextInfo, "stanzaId");

    const auto media = [&](const char *type) {
        item.type = QLatin1String(type);
        item.body = str(part, "caption");
        item.mediaUrl = str(part, "url");
        item.mediaMime = str(part, "mimetype");
        item.mediaFileName = str(part, "fileName");
        const QString inline64 = str(message, "base64");
        if (!inline64.isEmpty())
            item.mediaData = QByteArray::fromBase64(inline64.toLatin1());
    };

    if (messageType == QLatin1String("conversation")) {
        item.type = QStringLiteral("text");
        item.body = str(message, "conversation");
    } else if (messageType == QLatin1String("extendedTextMessage")) {
        item.type = QStringLiteral("text");
        item.body = str(part, "text");
    } else if (messageType == QLatin1String("imageMessage")) {
        media("image");
    } else if (messageType == QLatin1String("videoMessage")) {
        media("video");
    } else if (messageType == QLatin1String("audioMessage")) {
        media(part.value(QLatin1String("ptt")).toBool() ? "voice" : "audio");
    } else if (messageType == QLatin1String("documentMessage") ||
               messageType == QLatin1String("documentWithCaptionMessage")) {
        media("document");
    } else if (messageType == QLatin1String("stickerMessage")) {
        media("sticker");
    } else if (messageType == QLatin1String("locationMessage") ||
               messageType == QLatin1String("liveLocationMessage")) {
        item.type = QStringLiteral("location");
        QJsonObject loc{
            {QStringLiteral("latitude"), part.value(QLatin1String("degreesLatitude"))},
            {QStringLiteral("longitude"), part.value(QLatin1String("degreesLongitude"))}};
        if (part.contains(QLatin1String("name")))
            loc.insert(QLatin1String("name"), str(part, "name"));
        if (part.contains(QLatin1String("address")))
            loc.insert(QLatin1String("address"), str(part, "address"));
        item.extra.insert(QLatin1String("location"), loc);
        const QString label =
            str(part, "name").isEmpty() ? str(part, "address") : str(part, "name");
        item.body =
            label.isEmpty()
                ? QStringLiteral("Location %1, %2")
                      .arg(part.value(QLatin1String("degreesLatitude")).toDouble(), 0, 'f', 5)
                      .arg(part.value(QLatin1String("degreesLongitude")).toDouble(), 0, 'f', 5)
                : label;
    } else if (messageType == QLatin1String("contactMessage")) {
        item.type = QStringLiteral("contacts");
        item.body = str(part, "displayName");
        item.extra.insert(QLatin1String("vcard"), str(part, "vcard"));
    } else if (messageType == QLatin1String("reactionMessage")) {
        item.type = QStringLiteral("reaction");
        item.body = str(part, "text");
        item.replyTo = str(obj(part, "key"), "id");
        item.extra.insert(QLatin1String("removed"), item.body.isEmpty());
    } else if (messageType == QLatin1String("buttonsResponseMessage")) {
        item.type = QStringLiteral("interactive");
        item.body = str(part, "selectedDisplayText");
        item.extra.insert(QLatin1String("reply_id"), str(part, "selectedButtonId"));
    } else if (messageType == QLatin1String("listResponseMessage")) {
        item.type = QStringLiteral("interactive");
        item.body = str(part, "title");
        item.extra.insert(QLatin1String("reply_id"),
                          str(obj(part, "singleSelectReply"), "selectedRowId"));
    } else if (messageType == QLatin1String("templateButtonReplyMessage")) {
        item.type = QStringLiteral("button");
        item.body = str(part, "selectedDisplayText");
        item.extra.insert(QLatin1String("payload"), str(part, "selectedId"));
    } else {
        item.type = QStringLiteral("unsupported");
        if (!messageType.isEmpty())
            item.extra.insert(QLatin1String("original_type"), messageType);
    }
}

} // namespace

QString EvolutionWebhookParser::statusFrom(const QJsonValue &value)
{
    // v2 sends names; some releases send Baileys' numbers (0 error ... 5 played).
    static const QStringList byNumber = {QStringLiteral("failed"), QString(),
                                         QStringLiteral("sent"),   QStringLiteral("delivered"),
                                         QStringLiteral("read"),   QStringLiteral("played")};
    if (value.isDouble()) {
        const int n = value.toInt();
        return n >= 0 && n < byNumber.size() ? byNumber.at(n) : QString();
    }
    const QString s = value.toString().toUpper();
    if (s == QLatin1String("ERROR"))
        return QStringLiteral("failed");
    if (s == QLatin1String("SERVER_ACK"))
        return QStringLiteral("sent");
    if (s == QLatin1String("DELIVERY_ACK"))
        return QStringLiteral("delivered");
    if (s == QLatin1String("READ"))
        return QStringLiteral("read");
    if (s == QLatin1String("PLAYED"))
        return QStringLiteral("played");
    return {}; // PENDING, DELETED: nothing to apply
}

Result<QList<InboundItem>> EvolutionWebhookParser::parse(const QByteArray &body, bool allowGroups)
{
    using R = Result<QList<InboundItem>>;
    const auto parsed = json::parseObject(body);
    if (!parsed)
        return R::failure(parsed.error());
    const QJsonObject &root = parsed.value();
    const QString event = eventName(str(root, "event"));
    if (event.isEmpty())
        return R::failure(QStringLiteral("The webhook has no \"event\"."));

    QJsonArray records;
    const QJsonValue data = root.value(QLatin1String("data"));
    if (data.isArray())
        records = data.toArray();
    else if (data.isObject())
        records.append(data);
    else if (event == QLatin1String("messages.upsert") || event == QLatin1String("messages.update"))
        return R::failure(QStringLiteral("The %1 webhook has no \"data\".").arg(event));

    QList<InboundItem> items;
    if (event == QLatin1String("messages.upsert")) {
        for (const QJsonValue &v : std::as_const(records)) {
            const QJsonObject d = v.toObject();
            const QJsonObject key = obj(d, "key");
            InboundItem item;
            item.kind = InboundItem::Kind::Message;
            item.providerMessageId = str(key, "id");
            const QString jid = str(key, "remoteJid");
            if (item.providerMessageId.isEmpty() || jid.isEmpty())
                return R::failure(
                    QStringLiteral("A message in the webhook has no key.id or key.remoteJid."));
            if (isGroup(jid) && !allowGroups)
                continue;
            item.customer = PhoneAddress::fromProvider(jid);
            item.fromStore = key.value(QLatin1String("fromMe")).toBool();
            if (!item.fromStore)
                item.customerName = str(d, "pushName");
            const qint64 ts = str(d, "messageTimestamp").toLongLong();
            item.timestamp = ts > 0 ? QDateTime::fromSecsSinceEpoch(ts, Qt::UTC)
                                    : QDateTime::currentDateTimeUtc();
            readContent(d, item);
            items.append(item);
        }
    } else if (event == QLatin1String("messages.update")) {
        for (const QJsonValue &v : std::as_const(records)) {
            const QJsonObject d = v.toObject();
            const QJsonObject key = obj(d, "key");
            InboundItem item;
            item.kind = InboundItem::Kind::Status;
            item.providerMessageId = str(d, "keyId").isEmpty() ? str(key, "id") : str(d, "keyId");
            const QString jid =
                str(d, "remoteJid").isEmpty() ? str(key, "remoteJid") : str(d, "remoteJid");
            const QJsonValue status = d.contains(QLatin1String("status"))
                                          ? d.value(QLatin1String("status"))
                                          : obj(d, "update").value(QLatin1String("status"));
            if (item.providerMessageId.isEmpty())
                return R::failure(QStringLiteral("A status in the webhook has no message id."));
            if (isGroup(jid) && !allowGroups)
                continue;
            item.status = statusFrom(status);
            if (item.status.isEmpty())
                continue;
            item.customer = PhoneAddress::fromProvider(jid);
            item.timestamp = QDateTime::currentDateTimeUtc();
            items.append(item);
        }
    }
    // send.message, connection.update, presence and the rest: acknowledged, nothing to record.
    return items;
}

} // namespace shopdesk
