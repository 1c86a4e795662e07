#include "analytics/Report.h"

#include <algorithm>
#include <cmath>

namespace shopdesk {

DurationStats DurationStats::of(QList<qint64> durations)
{
    DurationStats s;
    s.count = int(durations.size());
    if (durations.isEmpty())
        return s;
    std::sort(durations.begin(), durations.end());
    // Nearest rank: the smallest value with at least p of the cases at or below it.
    const auto rank = [&](double p) {
        const qsizetype i = qsizetype(std::ceil(p * double(durations.size()))) - 1;
        return durations.at(std::clamp<qsizetype>(i, 0, durations.size() - 1));
    };
    s.medianMs = rank(0.5);
    s.p90Ms = rank(0.9);
    return s;
}

ReportHeadline Report::headline() const
{
    ReportHeadline h;
    h.customerMessages = customerMessages;
    h.chats = chats;
    h.botResolved = resolution.botResolved;
    h.handedToPeople = resolution.handedToPeople;
    h.botMedianMs = botFirstResponse.medianMs;
    h.peopleMedianMs = peopleFirstResponse.medianMs;
    h.escalations = escalationCount;
    h.orders = orders.count;
    h.revenueMinor = orders.revenueMinor;
    h.timeSavedMinutes = timeSavedMinutes();
    return h;
}

} // namespace shopdesk
