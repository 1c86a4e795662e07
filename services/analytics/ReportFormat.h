#pragma once

#include "analytics/Report.h"

#include <QJsonObject>
#include <QString>

namespace shopdesk {

// One report written out: JSON (every figure, for scripts), CSV (the tables, for a
// spreadsheet) and plain text (the CLI's summary). Durations in seconds, money in the store's
// major unit (rupees) with two decimals, rates in percent with their counts beside them.
class ReportFormat
{
public:
    static QJsonObject toJson(const Report &r);
    static QString toCsv(const Report &r);
    static QString toText(const Report &r);

    // "42 s", "3 min 10 s", "2 h 5 min"
    static QString duration(qint64 ms);
    // "61.5% (123 of 200)"; "—" when the base is 0
    static QString rate(int part, int whole);
    static QString money(qint64 minor);
    // "+12%" against the period before; "new" from zero; "" when both are zero
    static QString change(double now, double before);
    static QString csvField(const QString &text);
};

} // namespace shopdesk
