#include "agent/Greetings.h"

#include "agent/ConversationState.h"
#include "agent/ReplyTemplates.h"
#include "agent/StoreHours.h"
#include "storage/Store.h"

#include <QTimeZone>

namespace shopdesk {

namespace {

bool on(const QMap<QString, QString> &settings, const QString &key)
{
    const QString v = settings.value(key).trimmed().toLower();
    return v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("on");
}

} // namespace

Result<QStringList> Greetings::preface(Store &store, const Turn &turn, ConversationState &state)
{
    const QMap<QString, QString> &settings = *turn.settings;
    const ReplyTemplates templates(settings);
    const QHash<QString, QString> names{
        {QStringLiteral("store"), settings.value(QStringLiteral("store.name"))},
        {QStringLiteral("persona"),
         settings.value(QStringLiteral("persona.name"), QStringLiteral("Asha"))}};
    QStringList out;
    if (on(settings, QStringLiteral("welcome.enabled")) && turn.contactId > 0) {
        auto previous =
            store.conversations().previousInboundAt(turn.tenantId, turn.contactId, turn.messageId);
        if (!previous)
            return Result<QStringList>::failure(previous);
        if (!previous->isValid() || previous->daysTo(turn.now) >= kSilentDays)
            out << templates.render(QStringLiteral("welcome_message"), turn.hinglish, names);
    }
    if (on(settings, QStringLiteral("away.enabled"))) {
        const auto hours = StoreHours::parse(settings.value(QStringLiteral("store.hours")));
        const QByteArray zoneId = settings.value(QStringLiteral("store.time_zone")).toUtf8();
        const QTimeZone zone = zoneId.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(zoneId)
                                   ? QTimeZone::systemTimeZone()
                                   : QTimeZone(zoneId);
        const QDateTime local = turn.now.toTimeZone(zone);
        // One per closed stretch: none again within 12 hours.
        const bool told =
            state.awaySentAt.isValid() && state.awaySentAt.secsTo(turn.now) < 12 * 3600;
        if (hours && !hours->isOpen(local) && !told) {
            QHash<QString, QString> values = names;
            values.insert(QStringLiteral("opens"), hours->nextOpening(local));
            values.insert(QStringLiteral("hours"), settings.value(QStringLiteral("store.hours")));
            out << templates.render(QStringLiteral("away_message"), turn.hinglish, values);
            state.awaySentAt = turn.now;
        }
    }
    return out;
}

} // namespace shopdesk
