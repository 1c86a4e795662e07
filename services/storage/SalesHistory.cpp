#include "storage/SalesHistory.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

SalesHistory::SalesHistory(SqlBackend &db)
    : m_db(db)
{}

Result<QHash<qint64, double>> SalesHistory::unitsSold(qint64 tenantId, qint64 sinceMs)
{
    return sql::guard([&] {
        QHash<qint64, double> sold;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT l.product_id, SUM(l.quantity) FROM order_lines l JOIN orders o "
                           "ON o.tenant_id = l.tenant_id AND o.id = l.order_id WHERE l.tenant_id "
                           "= ? AND o.status IN ('confirmed', 'delivered') AND o.created_at >= ? "
                           "GROUP BY l.product_id"),
            {tenantId, sinceMs});
        for (const SqlRow &r : rows)
            sold.insert(r[0].toLongLong(), r[1].toDouble());
        return sold;
    });
}

} // namespace shopdesk
