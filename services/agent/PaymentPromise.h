#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace shopdesk {

// When a customer promises to pay ("main kal payment kar dunga", "will pay next week",
// "friday ko de dungi", "1 tarikh ko", "in 3 days", "month end tak"): the day they named, so the
// bot can schedule a reminder for it. Needs both a word about paying in the future and a time;
// "kal" alone is not enough (it also means yesterday).
class PaymentPromise
{
public:
    struct Promise
    {
        int inDays = 0; // from today, 0 to 60
        QString when;   // the words that named the day
    };
    static std::optional<Promise> find(const QString &message, const QDate &today);
};

} // namespace shopdesk
