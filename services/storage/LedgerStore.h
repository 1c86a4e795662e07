#pragma once

#include "core/Result.h"
#include "domain/LedgerEntry.h"

#include <QObject>

namespace shopdesk {

class SqlBackend;

// The customers' accounts with the store (the udhaar book). Entries are only ever added: a
// mistake is put right by reversing the entry (the database refuses a change of one), and the
// balance is the sum of what is written. customersChanged follows every commit that added one.
class LedgerStore : public QObject
{
    Q_OBJECT
public:
    explicit LedgerStore(SqlBackend &db, QObject *parent = nullptr);

    // A credit or a payment for a customer of this store; the amount must be more than zero, a
    // method only goes with a payment, and the customer must not have been erased.
    Result<LedgerEntry> record(qint64 tenantId, const LedgerEntry &entry);
    // Undoes an entry with one of the opposite kind and the same amount. An entry is reversed at
    // most once, and a reversal itself is not reversed (record a new entry instead).
    Result<LedgerEntry> reverse(qint64 tenantId, qint64 entryId, qint64 operatorId,
                                const QString &note);
    // The customer's book, oldest first, each entry with the balance after it and, when it was
    // undone, the entry that undid it.
    Result<QList<LedgerEntry>> entries(qint64 tenantId, qint64 contactId);
    Result<LedgerEntry> entry(qint64 tenantId, qint64 entryId);
    // What the customer owes: credit given minus payments received.
    Result<qint64> balance(qint64 tenantId, qint64 contactId);
    // What of this order stands on credit now (its credit entries not undone).
    Result<qint64> orderOnCredit(qint64 tenantId, qint64 orderId);

Q_SIGNALS:
    void customersChanged(qint64 tenantId);

private:
    LedgerEntry insert(qint64 tenantId, const LedgerEntry &entry); // inside a transaction
    void announce(qint64 tenantId);

    SqlBackend &m_db;
};

} // namespace shopdesk
