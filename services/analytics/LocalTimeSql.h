#pragma once

#include "analytics/ReportRange.h"

#include <QString>
#include <QVariantList>

namespace shopdesk {

// A time column (UTC milliseconds) read as local time in the store's zone, inside SQL on both
// backends: the zone's offsets over the range (with its daylight-saving changes, exactly, and
// half-hour zones such as India's) become a CASE over the column, so days and hours are counted
// where the store is, not in UTC.
class LocalTimeSql
{
public:
    LocalTimeSql(const ReportRange &range, const QString &column);

    // The local day number (days since 1970-01-01 in the zone) and the local hour (0-23).
    QString day() const;
    QString hour() const;
    // Their parameters, in the order the placeholders appear (append once per use).
    const QVariantList &params() const { return m_params; }

    static QDate dateOfDay(qint64 dayNumber);

private:
    QString localMs() const;

    QString m_column;
    QString m_offset; // the CASE expression (ms to add)
    QVariantList m_params;
};

} // namespace shopdesk
