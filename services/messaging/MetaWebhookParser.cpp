#include "messaging/MetaWebhookParser.h"

#include "messaging/JsonFields.h"
#include "messaging/PhoneAddress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace shopdesk {

namespace {

using json::obj;
using json::str;

QDateTime secondsToTime(const QString &seconds)
{
    bool ok = false;
    const qint64 s = seconds.toLongLong(&ok);
    return ok ? QDateTime::fromSecsSinceEpoch(s, Qt::UTC) : QDateTime();
}

QString mediaKind(const QString &type, const QJsonObject &media)
{
    if (type == QLatin1String("audio") && media.value(QLatin1String("voice")).toBool())
        return QStringLiteral("voice");
    return type;
}

QString contactsText(const QJsonArray &contacts)
{
    QStringList lines;
    for (const QJsonValue &v : contacts) {
        const QJsonObject c = v.toObject();
        QString line = str(obj(c, "name"), "formatted_name");
        QStringList phones;
        for (const QJsonValue &p : c.value(QLatin1String("phones")).toArray())
            phones << str(p.toObject(), "phone");
        if (!phones.isEmpty())
            line += QStringLiteral(" (") + phones.join(QStringLiteral(", ")) + QLatin1Char(')');
        lines << line.trimmed();
    }
    return lines.join(QLatin1Char('\n'));
}

QString orderText(const QJsonObject &order)
{
    QStringList parts;
    for (const QJsonValue &v : order.value(QLatin1String("product_items")).toArray()) {
        const QJsonObject p = v.toObject();
        parts << QStringLiteral("%1 × %2")
                     .arg(p.value(QLatin1String("quantity")).toDouble())
                     .arg(str(p, "product_retailer_id"));
    }
    QString text = QStringLiteral("Order: ") + parts.join(QStringLiteral(", "));
    const QString note = str(order, "text");
    if (!note.isEmpty())
        text += QLatin1Char('\n') + note;
    return text;
}

QString locationText(const QJsonObject &loc)
{
    const QString name = str(loc, "name");
    const QString address = str(loc, "address");
    QStringList parts;
    if (!name.isEmpty())
        parts << name;
    if (!address.isEmpty())
        parts << address;
    if (parts.isEmpty())
        parts << QStringLiteral("Location %1, %2")
                     .arg(loc.value(QLatin1String("latitude")).toDouble(), 0, 'f', 5)
                     .arg(loc.value(QLatin1String("longitude")).toDouble(), 0, 'f', 5);
    return parts.join(QStringLiteral(", "));
}

// Fills type, body, media and extra from a message object's typed part. Shared by messages,
// echoes and the inner message of an edit.
void readContent(const QJsonObject &m, InboundItem &item)
{
    const QString type = str(m, "type");
    static const QStringList mediaTypes = {QStringLiteral("image"), QStringLiteral("video"),
                                           QStringLiteral("document"), QStringLiteral("audio"),
                                           QStringLiteral("sticker")};
    if (type == QLatin1String("text")) {
        item.type = type;
        item.body = str(obj(m, "text"), "body");
    } else if (mediaTypes.contains(type)) {
        const QJsonObject media = obj(m, type.toLatin1().constData());
        item.type = mediaKind(type, media);
        item.body = str(media, "caption");
        item.mediaId = str(media, "id");
        item.mediaUrl = str(media, "url");
        item.mediaMime = str(media, "mime_type");
        item.mediaFileName = str(media, "filename");
        if (media.contains(QLatin1String("sha256")))
            item.extra.insert(QLatin1String("sha256"), str(media, "sha256"));
        if (media.contains(QLatin1String("animated")))
            item.extra.insert(QLatin1String("animated"), media.value(QLatin1String("animated")));
    } else if (type == QLatin1String("location")) {
        item.type = type;
        const QJsonObject loc = obj(m, "location");
        item.body = locationText(loc);
        item.extra.insert(QLatin1String("location"), loc);
    } else if (type == QLatin1String("contacts")) {
        item.type = type;
        const QJsonArray contacts = m.value(QLatin1String("contacts")).toArray();
        item.body = contactsText(contacts);
        item.extra.insert(QLatin1String("contacts"), contacts);
    } else if (type == QLatin1String("interactive")) {
        item.type = type;
        const QJsonObject inter = obj(m, "interactive");
        const QString kind = str(inter, "type");
        const QJsonObject reply = obj(inter, kind.toLatin1().constData());
        item.body = str(reply, "title");
        if (!kind.isEmpty())
            item.extra.insert(QLatin1String("reply_kind"), kind);
        if (reply.contains(QLatin1String("id")))
            item.extra.insert(QLatin1String("reply_id"), str(reply, "id"));
        if (reply.contains(QLatin1String("description")))
            item.extra.insert(QLatin1String("description"), str(reply, "description"));
    } else if (type == QLatin1String("button")) {
        item.type = type;
        const QJsonObject button = obj(m, "button");
        item.body = str(button, "text");
        item.extra.insert(QLatin1String("payload"), str(button, "payload"));
    } else if (type == QLatin1String("reaction")) {
        item.type = type;
        const QJsonObject reaction = obj(m, "reaction");
        item.body = str(reaction, "emoji");
        item.replyTo = str(reaction, "message_id");
        item.extra.insert(QLatin1String("removed"), item.body.isEmpty());
    } else if (type == QLatin1String("order")) {
        item.type = type;
        const QJsonObject order = obj(m, "order");
        item.body = orderText(order);
        item.extra.insert(QLatin1String("order"), order);
    } else if (type == QLatin1String("system")) {
        item.type = type;
        const QJsonObject system = obj(m, "system");
        item.body = str(system, "body");
        item.extra.insert(QLatin1String("system"), system);
    } else if (type == QLatin1String("revoke")) {
        item.type = type;
        item.body = QStringLiteral("(deleted a message)");
        item.replyTo = str(obj(m, "revoke"), "original_message_id");
    } else if (type == QLatin1String("edit")) {
        const QJsonObject edit = obj(m, "edit");
        InboundItem inner;
        readContent(obj(edit, "message"), inner);
        item.type = QStringLiteral("edit");
        item.body = inner.body;
        item.mediaId = inner.mediaId;
        item.mediaUrl = inner.mediaUrl;
        item.mediaMime = inner.mediaMime;
        item.mediaFileName = inner.mediaFileName;
        item.replyTo = str(edit, "original_message_id");
        item.extra.insert(QLatin1String("edited_type"), inner.type);
    } else {
        // unsupported, and any type newer than this code: kept, shown as such, never dropped.
        item.type = QStringLiteral("unsupported");
        const QString inner = str(obj(m, "unsupported"), "type");
        const QString original = inner.isEmpty() ? type : inner;
        if (!original.isEmpty() && original != QLatin1String("unsupported"))
            item.extra.insert(QLatin1String("original_type"), original);
    }
}

void readCommon(const QJsonObject &m, InboundItem &item)
{
    const QJsonObject context = obj(m, "context");
    if (item.replyTo.isEmpty())
        item.replyTo = str(context, "id");
    if (context.value(QLatin1String("forwarded")).toBool())
        item.extra.insert(QLatin1String("forwarded"), true);
    if (context.value(QLatin1String("frequently_forwarded")).toBool())
        item.extra.insert(QLatin1String("frequently_forwarded"), true);
    if (m.contains(QLatin1String("referral")))
        item.extra.insert(QLatin1String("referral"), obj(m, "referral"));
    const QJsonArray errors = m.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject e = errors.first().toObject();
        item.extra.insert(QLatin1String("error_code"), str(e, "code"));
        item.extra.insert(QLatin1String("error_text"), str(e, "title"));
    }
}

struct ChangeContext
{
    QHash<QString, QString> names; // wa_id or user id -> profile name
};

} // namespace

Result<QList<InboundItem>> MetaWebhookParser::parse(const QByteArray &body)
{
    using R = Result<QList<InboundItem>>;
    const auto parsed = json::parseObject(body);
    if (!parsed)
        return R::failure(parsed.error());
    const QJsonObject &root = parsed.value();
    if (str(root, "object") != QLatin1String("whatsapp_business_account"))
        return R::failure(QStringLiteral("This is not a WhatsApp Business Account webhook "
                                         "(\"object\" is \"%1\").")
                              .arg(str(root, "object")));
    if (!root.value(QLatin1String("entry")).isArray())
        return R::failure(QStringLiteral("The webhook has no \"entry\" list."));

    QList<InboundItem> items;
    for (const QJsonValue &entryValue : root.value(QLatin1String("entry")).toArray()) {
        for (const QJsonValue &changeValue :
             entryValue.toObject().value(QLatin1String("changes")).toArray()) {
            const QJsonObject change = changeValue.toObject();
            const QJsonObject value = obj(change, "value");
            QHash<QString, QString> names;
            for (const QJsonValue &c : value.value(QLatin1String("contacts")).toArray()) {
                const QString name = str(obj(c.toObject(), "profile"), "name");
                names.insert(str(c.toObject(), "wa_id"), name);
                names.insert(str(c.toObject(), "user_id"), name);
            }
            const auto customerOf = [&](const QJsonObject &m, const char *phoneKey,
                                        const char *userKey) {
                const QString phone = str(m, phoneKey);
                const QString address =
                    phone.isEmpty() ? str(m, userKey) : PhoneAddress::fromProvider(phone);
                return std::make_pair(address, names.value(phone.isEmpty() ? address : phone));
            };

            const auto readMessages = [&](const char *listKey, bool fromStore) -> QString {
                for (const QJsonValue &v : value.value(QLatin1String(listKey)).toArray()) {
                    const QJsonObject m = v.toObject();
                    InboundItem item;
                    item.kind = InboundItem::Kind::Message;
                    item.providerMessageId = str(m, "id");
                    if (item.providerMessageId.isEmpty())
                        return QStringLiteral("A message in the webhook has no \"id\".");
                    item.fromStore = fromStore;
                    std::tie(item.customer, item.customerName) =
                        fromStore ? customerOf(m, "to", "to_user_id")
                                  : customerOf(m, "from", "from_user_id");
                    if (item.customer.isEmpty())
                        return QStringLiteral("Message %1 does not say who it is from.")
                            .arg(item.providerMessageId);
                    item.timestamp = secondsToTime(str(m, "timestamp"));
                    readContent(m, item);
                    readCommon(m, item);
                    items.append(item);
                }
                return {};
            };
            if (const QString problem = readMessages("messages", false); !problem.isEmpty())
                return R::failure(problem);
            if (const QString problem = readMessages("message_echoes", true); !problem.isEmpty())
                return R::failure(problem);

            for (const QJsonValue &v : value.value(QLatin1String("statuses")).toArray()) {
                const QJsonObject s = v.toObject();
                InboundItem item;
                item.kind = InboundItem::Kind::Status;
                item.providerMessageId = str(s, "id");
                item.status = str(s, "status");
                if (item.providerMessageId.isEmpty() || item.status.isEmpty())
                    return R::failure(
                        QStringLiteral("A status in the webhook has no \"id\" or \"status\"."));
                item.customer = PhoneAddress::fromProvider(str(s, "recipient_id"));
                item.timestamp = secondsToTime(str(s, "timestamp"));
                const QJsonArray errors = s.value(QLatin1String("errors")).toArray();
                if (!errors.isEmpty()) {
                    const QJsonObject e = errors.first().toObject();
                    item.errorCode = str(e, "code");
                    item.errorText = str(obj(e, "error_data"), "details");
                    if (item.errorText.isEmpty())
                        item.errorText = str(e, "title");
                }
                item.correlation = str(s, "biz_opaque_callback_data");
                items.append(item);
            }
        }
    }
    return items;
}

} // namespace shopdesk
