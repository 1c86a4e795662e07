#pragma once

#include <QRegularExpression>
#include <QString>

#include <cmath>

namespace shopdesk {

// Amounts are kept in minor units (paise) as integers; never as floating point in storage.
struct Money
{
    static qint64 fromMajor(double major) { return qint64(std::llround(major * 100.0)); }
    // "500", "500.50", "₹ 1,200", "Rs. 75" in minor units; ok = false for anything else (a
    // negative amount, more than two decimals, words).
    static qint64 parse(const QString &text, bool *ok)
    {
        static const QRegularExpression shape(
            QStringLiteral(
                "^(?:₹|rs\\.?|inr)?\\s*(\\d{1,3}(?:,\\d{2,3})*|\\d+)(?:\\.(\\d{1,2}))?$"),
            QRegularExpression::CaseInsensitiveOption);
        const auto m = shape.match(text.trimmed());
        bool fine = m.hasMatch();
        qint64 minor = 0;
        if (fine) {
            const QString whole = m.captured(1).remove(QLatin1Char(','));
            const QString cents = m.captured(2).leftJustified(2, QLatin1Char('0'));
            minor = whole.toLongLong(&fine) * 100 + (m.hasCaptured(2) ? cents.toInt() : 0);
            fine = fine && whole.size() <= 12;
        }
        if (ok)
            *ok = fine;
        return fine ? minor : 0;
    }
    static QString format(qint64 minor, const QString &symbol = QStringLiteral("₹"))
    {
        const bool negative = minor < 0;
        const qint64 abs = negative ? -minor : minor;
        return (negative ? QStringLiteral("-") : QString()) + symbol + QString::number(abs / 100) +
               QLatin1Char('.') + QStringLiteral("%1").arg(abs % 100, 2, 10, QLatin1Char('0'));
    }
};

} // namespace shopdesk
