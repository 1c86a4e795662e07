#include "messaging/TwilioWebhookParser.h"

#include "messaging/PhoneAddress.h"

#include <QJsonArray>

namespace shopdesk {

QString TwilioWebhookParser::statusFrom(const QString &s)
{
    if (s == QLatin1String("sent") || s == QLatin1String("delivered") ||
        s == QLatin1String("read") || s == QLatin1String("failed"))
        return s;
    if (s == QLatin1String("undelivered"))
        return QStringLiteral("failed");
    return {}; // queued, sending, accepted, scheduled, receiving, received: nothing to apply
}

Result<QList<InboundItem>> TwilioWebhookParser::parse(const FormBody::Fields &form,
                                                      const QUrlQuery &query)
{
    using R = Result<QList<InboundItem>>;
    const auto field = [&](const char *name) {
        return FormBody::value(form, QLatin1String(name));
    };
    const QString sid = field("MessageSid").isEmpty() ? field("SmsSid") : field("MessageSid");
    if (sid.isEmpty())
        return R::failure(QStringLiteral("The request has no MessageSid."));

    const QString messageStatus = field("MessageStatus");
    const bool isStatus = !messageStatus.isEmpty() && messageStatus != QLatin1String("received") &&
                          messageStatus != QLatin1String("receiving");
    QList<InboundItem> items;
    if (isStatus) {
        const QString status = statusFrom(messageStatus);
        if (status.isEmpty())
            return items; // acknowledged, nothing to record
        InboundItem item;
        item.kind = InboundItem::Kind::Status;
        item.providerMessageId = sid;
        item.status = status;
        item.customer = PhoneAddress::fromProvider(field("To"));
        item.timestamp = QDateTime::currentDateTimeUtc();
        item.errorCode = field("ErrorCode");
        item.errorText = field("ErrorMessage");
        item.correlation = query.queryItemValue(QStringLiteral("outbox"));
        items.append(item);
        return items;
    }

    InboundItem item;
    item.kind = InboundItem::Kind::Message;
    item.providerMessageId = sid;
    item.customer = PhoneAddress::fromProvider(field("From"));
    if (item.customer.isEmpty())
        return R::failure(QStringLiteral("Message %1 does not say who it is from.").arg(sid));
    item.customerName = field("ProfileName");
    item.timestamp = QDateTime::currentDateTimeUtc();
    item.body = field("Body");
    item.replyTo = field("OriginalRepliedMessageSid");
    const QString messageType = field("MessageType");
    const int numMedia = field("NumMedia").toInt();
    if (numMedia > 0) {
        item.mediaUrl = field("MediaUrl0");
        item.mediaMime = field("MediaContentType0");
        const QString major = item.mediaMime.section(QLatin1Char('/'), 0, 0);
        if (major == QLatin1String("image"))
            item.type = item.mediaMime == QLatin1String("image/webp") ? QStringLiteral("sticker")
                                                                      : QStringLiteral("image");
        else if (major == QLatin1String("audio"))
            item.type = QStringLiteral("audio");
        else if (major == QLatin1String("video"))
            item.type = QStringLiteral("video");
        else
            item.type = QStringLiteral("document");
        if (numMedia > 1) { // one bubble per message; the rest are listed for the console
            QJsonArray more;
            for (int i = 1; i < numMedia; ++i)
                more.append(QJsonObject{
                    {QStringLiteral("url"),
                     FormBody::value(form, QStringLiteral("MediaUrl%1").arg(i))},
                    {QStringLiteral("mime"),
                     FormBody::value(form, QStringLiteral("MediaContentType%1").arg(i))}});
            item.extra.insert(QLatin1String("more_media"), more);
        }
    } else if (messageType == QLatin1String("location") || !field("Latitude").isEmpty()) {
        item.type = QStringLiteral("location");
        QJsonObject loc{{QStringLiteral("latitude"), field("Latitude").toDouble()},
                        {QStringLiteral("longitude"), field("Longitude").toDouble()}};
        if (!field("Label").isEmpty())
            loc.insert(QLatin1String("name"), field("Label"));
        if (!field("Address").isEmpty())
            loc.insert(QLatin1String("address"), field("Address"));
        item.extra.insert(QLatin1String("location"), loc);
        if (item.body.isEmpty()) {
            const QString label = field("Label").isEmpty() ? field("Address") : field("Label");
            item.body =
                label.isEmpty()
                    ? QStringLiteral("Location %1, %2").arg(field("Latitude"), field("Longitude"))
                    : label;
        }
    } else if (!field("ButtonPayload").isEmpty() || messageType == QLatin1String("button")) {
        item.type = QStringLiteral("button");
        item.body = field("ButtonText").isEmpty() ? item.body : field("ButtonText");
        item.extra.insert(QLatin1String("payload"), field("ButtonPayload"));
    } else if (messageType.isEmpty() || messageType == QLatin1String("text")) {
        item.type = QStringLiteral("text");
    } else {
        item.type = messageType == QLatin1String("interactive") ? messageType
                                                                : QStringLiteral("unsupported");
        if (item.type == QLatin1String("unsupported"))
            item.extra.insert(QLatin1String("original_type"), messageType);
    }
    items.append(item);
    return items;
}

} // namespace shopdesk
