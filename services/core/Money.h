#pragma once

#include <QString>

#include <cmath>

namespace shopdesk {

// Amounts are kept in minor units (paise) as integers; never as floating point in storage.
struct Money
{
    static qint64 fromMajor(double major) { return qint64(std::llround(major * 100.0)); }
    static QString format(qint64 minor, const QString &symbol = QStringLiteral("₹"))
    {
        const bool negative = minor < 0;
        const qint64 abs = negative ? -minor : minor;
        return (negative ? QStringLiteral("-") : QString()) + symbol + QString::number(abs / 100) +
               QLatin1Char('.') + QStringLiteral("%1").arg(abs % 100, 2, 10, QLatin1Char('0'));
    }
};

} // namespace shopdesk
