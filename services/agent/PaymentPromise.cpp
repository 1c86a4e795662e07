#include "agent/PaymentPromise.h"

#include "agent/MessageNormalizer.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace shopdesk {

namespace {

// Words that say the customer will pay (English and Hinglish, as MessageNormalizer writes them).
bool promisesToPay(const QStringList &words)
{
    static const QSet<QString> future = {
        QStringLiteral("will"),     QStringLiteral("ll"),       QStringLiteral("shall"),
        QStringLiteral("dunga"),    QStringLiteral("dungi"),    QStringLiteral("denge"),
        QStringLiteral("karunga"),  QStringLiteral("karungi"),  QStringLiteral("karenge"),
        QStringLiteral("bhejunga"), QStringLiteral("bhejungi"), QStringLiteral("bhejenge"),
        QStringLiteral("dedunga"),  QStringLiteral("kardunga"), QStringLiteral("going"),
        QStringLiteral("promise"),  QStringLiteral("tak")};
    static const QSet<QString> paying = {
        QStringLiteral("pay"),      QStringLiteral("payment"), QStringLiteral("paise"),
        QStringLiteral("paisa"),    QStringLiteral("clear"),   QStringLiteral("dues"),
        QStringLiteral("due"),      QStringLiteral("balance"), QStringLiteral("udhaar"),
        QStringLiteral("hisaab"),   QStringLiteral("bill"),    QStringLiteral("amount"),
        QStringLiteral("transfer"), QStringLiteral("de"),      QStringLiteral("dunga"),
        QStringLiteral("dungi"),    QStringLiteral("denge"),   QStringLiteral("settle")};
    bool f = false, p = false;
    for (const QString &w : words) {
        f = f || future.contains(w);
        p = p || paying.contains(w);
    }
    return f && p;
}

int daysUntilWeekday(const QDate &today, int weekday)
{
    const int d = (weekday - today.dayOfWeek() + 7) % 7;
    return d == 0 ? 7 : d;
}

} // namespace

std::optional<PaymentPromise::Promise> PaymentPromise::find(const QString &message,
                                                            const QDate &today)
{
    const QStringList words = MessageNormalizer::words(message);
    if (words.isEmpty() || !promisesToPay(words))
        return std::nullopt;
    const QString text = words.join(QLatin1Char(' '));
    const auto has = [&](const char *w) {
        return words.contains(QString::fromLatin1(w));
    };
    const auto found = [](int days, const QString &when) {
        return Promise{std::clamp(days, 0, 60), when};
    };

    static const QRegularExpression inDays(
        QStringLiteral("\\b(?:in )?(\\d{1,2}) (?:days?|din)\\b"));
    if (const auto m = inDays.match(text); m.hasMatch())
        return found(m.captured(1).toInt(), m.captured(0));
    static const QRegularExpression ordinal(QStringLiteral("\\b\\d{1,2}(?:st|nd|rd|th)\\b"));
    static const QRegularExpression dateOfMonth(
        QStringLiteral("\\b(\\d{1,2})(?:st|nd|rd|th)?(?: (?:tarikh|tareekh|date))?\\b"));
    if (text.contains(QLatin1String("tarikh")) || text.contains(QLatin1String("tareekh")) ||
        ordinal.match(text).hasMatch()) {
        const auto m = dateOfMonth.match(text);
        const int day = m.hasMatch() ? m.captured(1).toInt() : 0;
        if (day >= 1 && day <= 31) {
            QDate next(today.year(), today.month(), std::min(day, today.daysInMonth()));
            if (next <= today) {
                const QDate month = today.addMonths(1);
                next = QDate(month.year(), month.month(), std::min(day, month.daysInMonth()));
            }
            return found(int(today.daysTo(next)), m.captured(0));
        }
    }
    if (text.contains(QLatin1String("day after tomorrow")) || has("parso") || has("parson"))
        return found(2, QStringLiteral("day after tomorrow"));
    if (has("tomorrow") || has("kal") || has("tmrw"))
        return found(1, QStringLiteral("tomorrow"));
    if (has("today") || has("aaj") || has("tonight"))
        return found(0, QStringLiteral("today"));
    if (text.contains(QLatin1String("next week")) || text.contains(QLatin1String("agle hafte")) ||
        text.contains(QLatin1String("agle week")) || text.contains(QLatin1String("next hafte")))
        return found(7, QStringLiteral("next week"));
    if (text.contains(QLatin1String("month end")) ||
        text.contains(QLatin1String("end of the month")) ||
        text.contains(QLatin1String("mahine ke end")) ||
        text.contains(QLatin1String("mahine ke aakhir")))
        return found(int(today.daysTo(QDate(today.year(), today.month(), today.daysInMonth()))),
                     QStringLiteral("month end"));
    static const QHash<QString, int> weekdays = {
        {QStringLiteral("monday"), 1},    {QStringLiteral("somvar"), 1},
        {QStringLiteral("tuesday"), 2},   {QStringLiteral("mangalvar"), 2},
        {QStringLiteral("wednesday"), 3}, {QStringLiteral("budhvar"), 3},
        {QStringLiteral("thursday"), 4},  {QStringLiteral("guruvar"), 4},
        {QStringLiteral("friday"), 5},    {QStringLiteral("shukravar"), 5},
        {QStringLiteral("saturday"), 6},  {QStringLiteral("shanivar"), 6},
        {QStringLiteral("sunday"), 7},    {QStringLiteral("ravivar"), 7},
        {QStringLiteral("itvar"), 7}};
    for (const QString &w : words) {
        if (weekdays.contains(w))
            return found(daysUntilWeekday(today, weekdays.value(w)), w);
    }
    return std::nullopt;
}

} // namespace shopdesk
