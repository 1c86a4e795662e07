#pragma once

#include "bills/Bill.h"
#include "core/Result.h"

namespace shopdesk {

class Store;

// Gathers an order's bill from the store: its number, lines and total, the store's profile
// (store.name, store.address, store.phone, store.gstin, bill.tax_percent) and how the ledger
// shows it (paid, on credit). On the database thread.
class BillBuilder
{
public:
    static Result<Bill> forOrder(Store &store, qint64 tenantId, qint64 orderId);
    // The newest billed order of a customer ("bill bhejo"), as a bill.
    static Result<Bill> latestFor(Store &store, qint64 tenantId, qint64 contactId);
};

} // namespace shopdesk
