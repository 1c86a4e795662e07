#pragma once

#include "core/Result.h"

#include <QHash>

namespace shopdesk {

class SqlBackend;

// What a store sold, from its orders: the quantities of confirmed and delivered orders created
// since a moment, per product (open carts and cancelled orders sold nothing).
class SalesHistory
{
public:
    explicit SalesHistory(SqlBackend &db);

    Result<QHash<qint64, double>> unitsSold(qint64 tenantId, qint64 sinceMs);

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
