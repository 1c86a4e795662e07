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

Result<SalesHistory::Totals> SalesHistory::totals(qint64 tenantId, qint64 fromMs, qint64 untilMs)
{
    return sql::guard([&] {
        Totals t;
        const SqlRow sold =
            m_db.query(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(total_minor), 0) FROM orders "
                                      "WHERE tenant_id = ? AND status IN ('confirmed', "
                                      "'delivered') AND created_at >= ? AND created_at < ?"),
                       {tenantId, fromMs, untilMs})
                .first();
        t.orders = sold[0].toInt();
        t.soldMinor = sold[1].toLongLong();
        // A reversal counts against the kind it undoes.
        const SqlRow book =
            m_db.query(QStringLiteral(
                           "SELECT COALESCE(SUM(CASE WHEN kind = 'payment' AND reverses_id IS NULL "
                           "THEN amount_minor WHEN kind = 'credit' AND reverses_id IS NOT NULL "
                           "THEN -amount_minor ELSE 0 END), 0), COALESCE(SUM(CASE WHEN kind = "
                           "'credit' AND reverses_id IS NULL THEN amount_minor WHEN kind = "
                           "'payment' AND reverses_id IS NOT NULL THEN -amount_minor ELSE 0 END), "
                           "0) FROM ledger_entries WHERE tenant_id = ? AND created_at >= ? AND "
                           "created_at < ?"),
                       {tenantId, fromMs, untilMs})
                .first();
        t.paymentsMinor = book[0].toLongLong();
        t.creditMinor = book[1].toLongLong();
        return t;
    });
}

} // namespace shopdesk
