#include "analytics/ReportRange.h"

#include <QLocale>

namespace shopdesk {

qint64 ReportRange::dayStartMs(const QDate &day) const
{
    return day.startOfDay(zone).toMSecsSinceEpoch();
}

qint64 ReportRange::startMs() const
{
    return dayStartMs(from);
}

qint64 ReportRange::endMs() const
{
    return dayStartMs(to.addDays(1));
}

ReportRange ReportRange::previous() const
{
    ReportRange p = *this;
    p.to = from.addDays(-1);
    p.from = p.to.addDays(-(days() - 1));
    return p;
}

QDate ReportRange::groupStart(const QDate &day) const
{
    switch (grouping) {
    case Grouping::Day:
        return day;
    case Grouping::Week:
        return day.addDays(1 - day.dayOfWeek());
    case Grouping::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return day;
}

QString ReportRange::describe() const
{
    const QLocale locale;
    if (from == to)
        return locale.toString(from, QLocale::ShortFormat);
    return QStringLiteral("%1 – %2").arg(locale.toString(from, QLocale::ShortFormat),
                                         locale.toString(to, QLocale::ShortFormat));
}

QString ReportRange::groupingText(Grouping g)
{
    switch (g) {
    case Grouping::Day:
        return QStringLiteral("day");
    case Grouping::Week:
        return QStringLiteral("week");
    case Grouping::Month:
        return QStringLiteral("month");
    }
    return {};
}

bool ReportRange::groupingFromText(const QString &text, Grouping *out)
{
    for (Grouping g : {Grouping::Day, Grouping::Week, Grouping::Month})
        if (text == groupingText(g)) {
            *out = g;
            return true;
        }
    return false;
}

} // namespace shopdesk
