#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// One line of a customer's account with the store: goods on credit, or a payment.
struct LedgerEntry
{
    enum class Kind { Credit, Payment };
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 contactId = 0;
    Kind kind = Kind::Credit;
    qint64 amountMinor = 0;
    QString note;
    qint64 orderId = 0;
    QDateTime createdAt;
};

} // namespace shopdesk
