#pragma once

#include "core/Result.h"
#include "domain/Customer.h"
#include "domain/LedgerEntry.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// The customers and their accounts, for the console, the command line and the owner's
// commands: the customers list, a customer's details, walk-in customers, and the ledger
// (payments, credit, an order put on credit, reversing entries). Every change runs on the
// database thread in one transaction that checks the person may (the ledger: a manager or the
// owner, Permission::KeepAccounts; customers' details: any operator) and writes an audit entry
// with no personal data in it; answers come on the caller's thread.
class AccountsService : public QObject
{
    Q_OBJECT
public:
    explicit AccountsService(StoreWorker &store, QObject *parent = nullptr);

    template<typename T> using Done = std::function<void(Result<T>)>;
    void customers(qint64 tenantId, qint64 actorId, const QString &search, QObject *context,
                   Done<QList<Customer>> done);
    void saveProfile(qint64 tenantId, qint64 actorId, qint64 contactId,
                     const CustomerProfile &profile, QObject *context, Done<Customer> done);
    void addWalkIn(qint64 tenantId, qint64 actorId, const CustomerProfile &profile,
                   QObject *context, Done<Customer> done);
    void book(qint64 tenantId, qint64 actorId, qint64 contactId, QObject *context,
              Done<QList<LedgerEntry>> done);
    void record(qint64 tenantId, qint64 actorId, const LedgerEntry &entry, QObject *context,
                Done<LedgerEntry> done);
    void reverse(qint64 tenantId, qint64 actorId, qint64 entryId, const QString &note,
                 QObject *context, Done<LedgerEntry> done);
    void putOrderOnCredit(qint64 tenantId, qint64 actorId, qint64 orderId, QObject *context,
                          Done<LedgerEntry> done);

    // The same on the database thread (the command line, the owner's commands, tests).
    static Result<QList<Customer>> customers(Store &store, qint64 tenantId, qint64 actorId,
                                             const QString &search);
    static Result<Customer> saveProfile(Store &store, qint64 tenantId, qint64 actorId,
                                        qint64 contactId, const CustomerProfile &profile);
    static Result<Customer> addWalkIn(Store &store, qint64 tenantId, qint64 actorId,
                                      const CustomerProfile &profile);
    static Result<QList<LedgerEntry>> book(Store &store, qint64 tenantId, qint64 actorId,
                                           qint64 contactId);
    static Result<LedgerEntry> record(Store &store, qint64 tenantId, qint64 actorId,
                                      const LedgerEntry &entry);
    static Result<LedgerEntry> reverse(Store &store, qint64 tenantId, qint64 actorId,
                                       qint64 entryId, const QString &note);
    // A confirmed or delivered order's total (what of it is not on credit yet) as credit for
    // its customer.
    static Result<LedgerEntry> putOrderOnCredit(Store &store, qint64 tenantId, qint64 actorId,
                                                qint64 orderId);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
