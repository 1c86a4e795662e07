#include "storage/BillNumbers.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

BillNumbers::BillNumbers(SqlBackend &db)
    : m_db(db)
{}

qint64 BillNumbers::assign(qint64 tenantId, qint64 orderId)
{
    const SqlRows has =
        m_db.query(QStringLiteral("SELECT bill_number FROM orders WHERE tenant_id = ? AND id = ?"),
                   {tenantId, orderId});
    if (has.isEmpty())
        throw sql::NotFound(QStringLiteral("Order %1 does not exist in this store.").arg(orderId));
    if (!has.first()[0].isNull())
        return has.first()[0].toLongLong();
    const qint64 next =
        m_db.query(
                QStringLiteral("INSERT INTO bill_counters (tenant_id, last_number) VALUES (?, 1) "
                               "ON CONFLICT (tenant_id) DO UPDATE SET last_number = "
                               "bill_counters.last_number + 1 RETURNING last_number"),
                {tenantId})
            .first()[0]
            .toLongLong();
    m_db.exec(QStringLiteral("UPDATE orders SET bill_number = ? WHERE tenant_id = ? AND id = ?"),
              {next, tenantId, orderId});
    return next;
}

} // namespace shopdesk
