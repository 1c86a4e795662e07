#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace shopdesk {

// The days a report covers, in the store's time zone: from `from` to `to`, both included,
// optionally one channel, its series grouped by day, week (Monday first) or month.
struct ReportRange
{
    enum class Grouping { Day, Week, Month };

    QDate from;
    QDate to;
    QTimeZone zone = QTimeZone::systemTimeZone();
    bool zoneChosen = false; // true: `zone` wins over the store's setting store.time_zone
    qint64 channelId = 0;    // 0: every channel
    Grouping grouping = Grouping::Day;

    bool isValid() const { return from.isValid() && to.isValid() && from <= to && zone.isValid(); }
    qint64 days() const { return from.daysTo(to) + 1; }
    // The first millisecond of `from` and of the day after `to` (local midnight, in UTC ms).
    qint64 startMs() const;
    qint64 endMs() const;
    qint64 dayStartMs(const QDate &day) const;
    // The same number of days just before this range (the cards' "change against").
    ReportRange previous() const;
    // The first day of the group (day, week or month) `day` belongs to.
    QDate groupStart(const QDate &day) const;
    QString describe() const; // "1 Nov 2026 – 30 Nov 2026"

    static QString groupingText(Grouping g);
    static bool groupingFromText(const QString &text, Grouping *out);
};

} // namespace shopdesk
