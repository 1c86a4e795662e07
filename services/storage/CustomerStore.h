#pragma once

#include "core/Result.h"
#include "domain/Customer.h"

#include <QObject>

namespace shopdesk {

class SqlBackend;

// The store's customers as people at the counter know them: WhatsApp customers (a contact
// made by their first message) and walk-in customers with no number, each with a nickname,
// landmark, notes and labels, their balance, last order and opt-out state. Erased customers
// are not listed. customersChanged follows every commit that changed one.
class CustomerStore : public QObject
{
    Q_OBJECT
public:
    explicit CustomerStore(SqlBackend &db, QObject *parent = nullptr);

    // Customers whose name, nickname, landmark, notes, labels or number hold every word of
    // `search` (any case; all of them when empty), by name, at most `limit`.
    Result<QList<Customer>> customers(qint64 tenantId, const QString &search = {}, int limit = 500);
    Result<Customer> customer(qint64 tenantId, qint64 contactId);
    // A customer who buys at the counter and has no WhatsApp number; a name is needed.
    Result<Customer> addWalkIn(qint64 tenantId, const CustomerProfile &profile);
    // Replaces the profile; a walk-in customer keeps a name.
    Result<Customer> updateProfile(qint64 tenantId, qint64 contactId,
                                   const CustomerProfile &profile);

Q_SIGNALS:
    void customersChanged(qint64 tenantId);

private:
    QList<Customer> select(qint64 tenantId, const QString &where, const QVariantList &params,
                           int limit);
    void announce(qint64 tenantId);

    SqlBackend &m_db;
};

} // namespace shopdesk
