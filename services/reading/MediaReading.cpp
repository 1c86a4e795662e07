#include "reading/MediaReading.h"

#include "domain/Message.h"

#include <QJsonDocument>

namespace shopdesk {

QJsonObject MediaReading::toJson() const
{
    QJsonObject o{{QStringLiteral("state"), state == State::Read     ? QStringLiteral("read")
                                            : state == State::Unread ? QStringLiteral("unread")
                                                                     : QStringLiteral("none")},
                  {QStringLiteral("by"), by},
                  {QStringLiteral("ms"), ms}};
    if (!text.isEmpty())
        o.insert(QStringLiteral("text"), text);
    if (confidence >= 0)
        o.insert(QStringLiteral("confidence"), confidence);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!engine.isEmpty())
        o.insert(QStringLiteral("engine"), engine);
    return o;
}

MediaReading MediaReading::fromJson(const QJsonObject &o)
{
    MediaReading r;
    const QString state = o.value(QStringLiteral("state")).toString();
    r.state = state == QLatin1String("read")     ? State::Read
              : state == QLatin1String("unread") ? State::Unread
                                                 : State::None;
    r.by = o.value(QStringLiteral("by")).toString();
    r.text = o.value(QStringLiteral("text")).toString();
    r.confidence = o.value(QStringLiteral("confidence")).toDouble(-1);
    r.reason = o.value(QStringLiteral("reason")).toString();
    r.engine = o.value(QStringLiteral("engine")).toString();
    r.ms = o.value(QStringLiteral("ms")).toDouble();
    return r;
}

MediaReading MediaReading::of(const Message &message)
{
    if (!message.extraJson.contains(QLatin1String("\"reading\"")))
        return {};
    const QJsonObject extra = QJsonDocument::fromJson(message.extraJson.toUtf8()).object();
    return fromJson(extra.value(QStringLiteral("reading")).toObject());
}

bool MediaReading::isVoice(const QString &messageType)
{
    return messageType == QLatin1String("audio") || messageType == QLatin1String("voice");
}

bool MediaReading::readable(const QString &messageType)
{
    return isVoice(messageType) || messageType == QLatin1String("image");
}

QString MediaReading::whatIs(const QString &messageType)
{
    if (isVoice(messageType))
        return QStringLiteral("voice note");
    if (messageType == QLatin1String("image"))
        return QStringLiteral("photo");
    if (messageType == QLatin1String("contacts"))
        return QStringLiteral("contact card");
    if (messageType.isEmpty() || messageType == QLatin1String("unsupported"))
        return QStringLiteral("message WhatsApp could not show");
    return messageType; // document, video, location, sticker
}

} // namespace shopdesk
