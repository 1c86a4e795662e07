#pragma once

#include "core/Result.h"
#include "domain/Product.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace shopdesk {

class Store;

// The "to reorder" list: products at or below their low-stock level, or that the last weeks'
// sales say will run out before a delivery could arrive, each with a suggested quantity.
//
// The forecast is deliberately simple, so an owner can check it by hand:
// - daily sales = units sold in confirmed and delivered orders of the last `windowDays` days
//   / `windowDays`;
// - a product is listed when its stock is at or below its low-stock level (when it has one),
//   or when it sells and its stock lasts less than `leadDays` (the supplier's delivery time);
// - suggested quantity = enough for `leadDays + coverDays` of sales and at least twice the
//   low-stock level, minus what is in stock, rounded up, at least 1;
// - days left = stock / daily sales (unknown for what has not sold).
// Sorted by days left (soonest first; unknown last), then by name.
class ReorderPlanner
{
public:
    struct Policy
    {
        int windowDays = 28;
        int leadDays = 3;
        int coverDays = 7;
    };
    struct Line
    {
        Product product;
        double soldPerDay = 0;
        double suggested = 0;
        double daysLeft = -1; // -1: it has not sold in the window
        QString reason;       // in words: "below its low-stock level of 5", "runs out in 2 days"
    };

    static QList<Line> plan(const QList<Product> &products, const QHash<qint64, double> &sold,
                            const Policy &policy);
    // The store's list now: its products and the sales of the window before `now`.
    static Result<QList<Line>> forStore(Store &store, qint64 tenantId, const QDateTime &now,
                                        const Policy &policy);
};

} // namespace shopdesk
