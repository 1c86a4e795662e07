#include "analytics/LocalTimeSql.h"

namespace shopdesk {

LocalTimeSql::LocalTimeSql(const ReportRange &range, const QString &column)
    : m_column(column)
{
    // The offset in force at the start, then each change of offset until the end (a day of
    // margin on both sides for the previous-period edges).
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(range.startMs() - 86400000, Qt::UTC);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(range.endMs() + 86400000, Qt::UTC);
    const qint64 first = qint64(range.zone.offsetFromUtc(start)) * 1000;
    const QTimeZone::OffsetDataList changes = range.zone.transitions(start, end);
    if (changes.isEmpty()) {
        m_offset = QStringLiteral("CAST(? AS BIGINT)");
        m_params << first;
        return;
    }
    m_offset = QStringLiteral("CASE");
    m_params.clear();
    qint64 previous = first;
    for (const QTimeZone::OffsetData &change : changes) {
        m_offset +=
            QStringLiteral(" WHEN %1 < CAST(? AS BIGINT) THEN CAST(? AS BIGINT)").arg(column);
        m_params << change.atUtc.toMSecsSinceEpoch() << previous;
        previous = qint64(change.offsetFromUtc) * 1000;
    }
    m_offset += QStringLiteral(" ELSE CAST(? AS BIGINT) END");
    m_params << previous;
}

QString LocalTimeSql::localMs() const
{
    return QStringLiteral("(%1 + %2)").arg(m_column, m_offset);
}

QString LocalTimeSql::day() const
{
    return localMs() + QStringLiteral(" / 86400000");
}

QString LocalTimeSql::hour() const
{
    return QStringLiteral("(") + localMs() + QStringLiteral(" % 86400000) / 3600000");
}

QDate LocalTimeSql::dateOfDay(qint64 dayNumber)
{
    return QDate(1970, 1, 1).addDays(dayNumber);
}

} // namespace shopdesk
