#pragma once

#include <QtGlobal>

namespace shopdesk {

class SqlBackend;

// The store's bill numbers: 1, 2, 3... per store, without gaps or repeats. Inside the
// transaction that confirms an order: the counter's row stays locked until it ends, so a
// second confirmation waits for the first and a rolled-back one gives its number back.
class BillNumbers
{
public:
    explicit BillNumbers(SqlBackend &db);

    // The order's bill number, given now when it has none.
    qint64 assign(qint64 tenantId, qint64 orderId);

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
