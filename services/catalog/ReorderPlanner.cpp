#include "catalog/ReorderPlanner.h"

#include "storage/SalesHistory.h"
#include "storage/Store.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace shopdesk {

namespace {

QString number(double value)
{
    return QLocale::c().toString(value, 'g', 6);
}

} // namespace

QList<ReorderPlanner::Line> ReorderPlanner::plan(const QList<Product> &products,
                                                 const QHash<qint64, double> &sold,
                                                 const Policy &policy)
{
    QList<Line> lines;
    const int window = std::max(1, policy.windowDays);
    for (const Product &p : products) {
        Line line;
        line.product = p;
        line.soldPerDay = std::max(0.0, sold.value(p.id, 0)) / window;
        if (line.soldPerDay > 0)
            line.daysLeft = std::max(0.0, p.stock) / line.soldPerDay;
        const bool low = p.lowStockThreshold > 0 && p.stock <= p.lowStockThreshold;
        const bool runsOut = line.soldPerDay > 0 && line.daysLeft < policy.leadDays;
        if (!low && !runsOut)
            continue;
        const double target = std::max(line.soldPerDay * (policy.leadDays + policy.coverDays),
                                       2 * p.lowStockThreshold);
        line.suggested = std::max(1.0, std::ceil(target - std::max(0.0, p.stock) - 1e-9));
        if (p.stock <= 0)
            line.reason = QStringLiteral("out of stock");
        else if (runsOut)
            line.reason = QStringLiteral("runs out in %1 days at %2 a day")
                              .arg(number(std::floor(line.daysLeft * 10) / 10),
                                   number(std::round(line.soldPerDay * 100) / 100));
        else
            line.reason = QStringLiteral("at or below its low-stock level of %1")
                              .arg(number(p.lowStockThreshold));
        lines.append(line);
    }
    std::sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) {
        const bool aKnown = a.daysLeft >= 0;
        const bool bKnown = b.daysLeft >= 0;
        if (aKnown != bKnown)
            return aKnown;
        if (aKnown && a.daysLeft != b.daysLeft)
            return a.daysLeft < b.daysLeft;
        return a.product.name.compare(b.product.name, Qt::CaseInsensitive) < 0;
    });
    return lines;
}

Result<QList<ReorderPlanner::Line>>
ReorderPlanner::forStore(Store &store, qint64 tenantId, const QDateTime &now, const Policy &policy)
{
    auto products = store.catalog().products(tenantId);
    if (!products)
        return Result<QList<Line>>::failure(products);
    const qint64 since = now.addDays(-std::max(1, policy.windowDays)).toMSecsSinceEpoch();
    auto sold = SalesHistory(store.backend()).unitsSold(tenantId, since);
    if (!sold)
        return Result<QList<Line>>::failure(sold);
    return plan(products.value(), sold.value(), policy);
}

} // namespace shopdesk
