#include "agent/MediaGate.h"

#include "domain/Message.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

namespace {

MediaGate::Decision handOver(const QString &what, const QString &reason)
{
    MediaGate::Decision d;
    d.verdict = MediaGate::Verdict::HandOver;
    d.what = what;
    d.reason = reason;
    return d;
}

MediaGate::Decision silent(const QString &reason)
{
    MediaGate::Decision d;
    d.verdict = MediaGate::Verdict::Silent;
    d.reason = reason;
    return d;
}

MediaGate::Decision readMedia(const Message &m, const QDateTime &now, const QDateTime &waitFrom)
{
    const QString what = MediaReading::whatIs(m.type);
    const bool voice = MediaReading::isVoice(m.type);
    const QString please = voice ? QStringLiteral("please listen") : QStringLiteral("please look");
    if (m.mediaState == QLatin1String("failed"))
        return handOver(what, QStringLiteral("%1: %2 (it could not be downloaded: %3)")
                                  .arg(what, please, m.mediaRef));
    const MediaReading reading = MediaReading::of(m);
    if (!reading.settled()) {
        const QDateTime from =
            waitFrom.isValid() && waitFrom > m.createdAt ? waitFrom : m.createdAt;
        const bool late = from.isValid() && from.msecsTo(now) > MediaGate::kWaitLimitMs;
        if (!late) {
            MediaGate::Decision d;
            d.verdict = MediaGate::Verdict::Wait;
            d.what = what;
            return d;
        }
        return handOver(what,
                        QStringLiteral("%1: %2 (it could not be read in time)").arg(what, please));
    }
    if (reading.state == MediaReading::State::Unread)
        return handOver(what, QStringLiteral("%1: %2 (%3)").arg(what, please, reading.reason));
    if (reading.text.trimmed().isEmpty()) {
        const QString caption =
            m.body.trimmed().isEmpty()
                ? QString()
                : QStringLiteral(", with the words \"%1\"").arg(m.body.trimmed().left(80));
        return handOver(what, voice ? QStringLiteral("voice note: please listen (no words were "
                                                     "heard in it)")
                                    : QStringLiteral("photo: please look (no writing was found "
                                                     "on it%1)")
                                          .arg(caption));
    }
    if (voice && reading.confidence >= 0 && reading.confidence < MediaGate::kVoiceConfidence)
        return handOver(what, QStringLiteral("voice note: please listen (the transcript is unsure: "
                                             "\"%1\")")
                                  .arg(reading.text.left(120)));
    MediaGate::Decision d;
    d.verdict = MediaGate::Verdict::Read;
    d.what = what;
    d.text = reading.text;
    d.reading = reading;
    return d;
}

} // namespace

QString MediaGate::tapText(const Message &m)
{
    const QJsonObject extra = QJsonDocument::fromJson(m.extraJson.toUtf8()).object();
    QString id = extra.value(QStringLiteral("reply_id")).toString();
    if (id.isEmpty())
        id = extra.value(QStringLiteral("payload")).toString();
    if (id.startsWith(QLatin1String("choice:")))
        return id.mid(7);
    if (id.startsWith(QLatin1String("confirm:")))
        return id.mid(8);
    return m.body;
}

MediaGate::Decision MediaGate::decide(const Message &m, const QDateTime &now,
                                      const QDateTime &waitFrom)
{
    const QString &type = m.type;
    if (type == QLatin1String("text")) {
        Decision d;
        d.text = m.body;
        return d;
    }
    if (type == QLatin1String("interactive") || type == QLatin1String("button")) {
        Decision d;
        d.text = tapText(m);
        return d;
    }
    if (MediaReading::readable(type))
        return readMedia(m, now, waitFrom);
    if (type == QLatin1String("sticker") || type == QLatin1String("reaction") ||
        type == QLatin1String("system") || type == QLatin1String("revoke") ||
        type == QLatin1String("edit"))
        return silent(QStringLiteral("a %1 needs no answer").arg(type));
    const QString what = MediaReading::whatIs(type);
    const QString detail = m.body.trimmed().isEmpty()
                               ? QString()
                               : QStringLiteral(" (\"%1\")").arg(m.body.trimmed().left(80));
    return handOver(what, QStringLiteral("%1: please look%2").arg(what, detail));
}

} // namespace shopdesk
