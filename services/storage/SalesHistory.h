#pragma once

#include "core/Result.h"

#include <QHash>

namespace shopdesk {

class SqlBackend;

// What a store sold, from its orders: the quantities of confirmed and delivered orders created
// since a moment, per product (open carts and cancelled orders sold nothing), and a span's
// takings.
class SalesHistory
{
public:
    explicit SalesHistory(SqlBackend &db);

    Result<QHash<qint64, double>> unitsSold(qint64 tenantId, qint64 sinceMs);

    // A day's (or any span's) takings: confirmed and delivered orders placed in [from, until),
    // and the ledger's payments received and credit given then (corrections netted out).
    struct Totals
    {
        int orders = 0;
        qint64 soldMinor = 0;
        qint64 paymentsMinor = 0;
        qint64 creditMinor = 0;
    };
    Result<Totals> totals(qint64 tenantId, qint64 fromMs, qint64 untilMs);

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
