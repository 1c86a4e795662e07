#include "accounts/AccountsService.h"

#include "access/AuditedChange.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonObject>

namespace shopdesk {

namespace {

// Reads: the person must be one of the store's operators; nothing is audited.
template<typename T, typename F> Result<T> read(Store &store, qint64 tenantId, qint64 actorId, F f)
{
    return auditedChange<T>(store, tenantId, actorId, Permission::WorkChats,
                            [&](QString &, QJsonObject &) { return f(); });
}

QJsonObject entryDetail(const LedgerEntry &e)
{
    QJsonObject d{{QStringLiteral("customer"), e.contactId},
                  {QStringLiteral("entry"), e.id},
                  {QStringLiteral("kind"), LedgerEntry::kindName(e.kind)},
                  {QStringLiteral("amount_minor"), e.amountMinor}};
    if (e.method != LedgerEntry::Method::None)
        d.insert(QStringLiteral("method"), LedgerEntry::methodName(e.method));
    if (e.orderId > 0)
        d.insert(QStringLiteral("order"), e.orderId);
    if (e.reversesId > 0)
        d.insert(QStringLiteral("reverses"), e.reversesId);
    return d;
}

} // namespace

AccountsService::AccountsService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

Result<QList<Customer>> AccountsService::customers(Store &store, qint64 tenantId, qint64 actorId,
                                                   const QString &search)
{
    return read<QList<Customer>>(store, tenantId, actorId,
                                 [&] { return store.customers().customers(tenantId, search); });
}

Result<Customer> AccountsService::saveProfile(Store &store, qint64 tenantId, qint64 actorId,
                                              qint64 contactId, const CustomerProfile &profile)
{
    return auditedChange<Customer>(
        store, tenantId, actorId, Permission::WorkChats, [&](QString &action, QJsonObject &d) {
            action = QStringLiteral("customer.update");
            d.insert(QStringLiteral("customer"), contactId);
            return store.customers().updateProfile(tenantId, contactId, profile);
        });
}

Result<Customer> AccountsService::addWalkIn(Store &store, qint64 tenantId, qint64 actorId,
                                            const CustomerProfile &profile)
{
    return auditedChange<Customer>(store, tenantId, actorId, Permission::WorkChats,
                                   [&](QString &action, QJsonObject &d) {
                                       action = QStringLiteral("customer.add");
                                       auto added = store.customers().addWalkIn(tenantId, profile);
                                       if (added)
                                           d.insert(QStringLiteral("customer"), added->contactId);
                                       return added;
                                   });
}

Result<QList<LedgerEntry>> AccountsService::book(Store &store, qint64 tenantId, qint64 actorId,
                                                 qint64 contactId)
{
    return read<QList<LedgerEntry>>(store, tenantId, actorId,
                                    [&] { return store.ledger().entries(tenantId, contactId); });
}

Result<LedgerEntry> AccountsService::record(Store &store, qint64 tenantId, qint64 actorId,
                                            const LedgerEntry &entry)
{
    return auditedChange<LedgerEntry>(
        store, tenantId, actorId, Permission::KeepAccounts, [&](QString &action, QJsonObject &d) {
            LedgerEntry e = entry;
            e.operatorId = actorId;
            auto added = store.ledger().record(tenantId, e);
            if (added) {
                action = QStringLiteral("ledger.%1").arg(LedgerEntry::kindName(added->kind));
                d = entryDetail(added.value());
            }
            return added;
        });
}

Result<LedgerEntry> AccountsService::reverse(Store &store, qint64 tenantId, qint64 actorId,
                                             qint64 entryId, const QString &note)
{
    return auditedChange<LedgerEntry>(
        store, tenantId, actorId, Permission::KeepAccounts, [&](QString &action, QJsonObject &d) {
            auto undone = store.ledger().reverse(tenantId, entryId, actorId, note);
            if (undone) {
                action = QStringLiteral("ledger.reverse");
                d = entryDetail(undone.value());
            }
            return undone;
        });
}

Result<LedgerEntry> AccountsService::putOrderOnCredit(Store &store, qint64 tenantId, qint64 actorId,
                                                      qint64 orderId)
{
    using R = Result<LedgerEntry>;
    return auditedChange<LedgerEntry>(
        store, tenantId, actorId, Permission::KeepAccounts, [&](QString &action, QJsonObject &d) {
            auto order = store.catalog().order(tenantId, orderId);
            if (!order)
                return R::failure(order.error(), order.errorKind());
            if (order->status != QLatin1String("confirmed") &&
                order->status != QLatin1String("delivered"))
                return R::failure(QStringLiteral("Order #%1 is not confirmed, so there is nothing "
                                                 "to put on credit yet.")
                                      .arg(orderId),
                                  ErrorKind::Invalid);
            auto already = store.ledger().orderOnCredit(tenantId, orderId);
            if (!already)
                return R::failure(already.error(), already.errorKind());
            const qint64 rest = order->totalMinor - already.value();
            if (rest <= 0)
                return R::failure(QStringLiteral("Order #%1 is already on credit.").arg(orderId),
                                  ErrorKind::Conflict);
            LedgerEntry credit;
            credit.contactId = order->contactId;
            credit.kind = LedgerEntry::Kind::Credit;
            credit.amountMinor = rest;
            credit.orderId = orderId;
            credit.operatorId = actorId;
            credit.note = QStringLiteral("Order #%1").arg(orderId);
            auto added = store.ledger().record(tenantId, credit);
            if (added) {
                action = QStringLiteral("order.credit");
                d = entryDetail(added.value());
            }
            return added;
        });
}

void AccountsService::customers(qint64 tenantId, qint64 actorId, const QString &search,
                                QObject *context, Done<QList<Customer>> done)
{
    m_store.run(
        context, [=](Store &s) { return customers(s, tenantId, actorId, search); },
        std::move(done));
}

void AccountsService::saveProfile(qint64 tenantId, qint64 actorId, qint64 contactId,
                                  const CustomerProfile &profile, QObject *context,
                                  Done<Customer> done)
{
    m_store.run(
        context, [=](Store &s) { return saveProfile(s, tenantId, actorId, contactId, profile); },
        std::move(done));
}

void AccountsService::addWalkIn(qint64 tenantId, qint64 actorId, const CustomerProfile &profile,
                                QObject *context, Done<Customer> done)
{
    m_store.run(
        context, [=](Store &s) { return addWalkIn(s, tenantId, actorId, profile); },
        std::move(done));
}

void AccountsService::book(qint64 tenantId, qint64 actorId, qint64 contactId, QObject *context,
                           Done<QList<LedgerEntry>> done)
{
    m_store.run(
        context, [=](Store &s) { return book(s, tenantId, actorId, contactId); }, std::move(done));
}

void AccountsService::record(qint64 tenantId, qint64 actorId, const LedgerEntry &entry,
                             QObject *context, Done<LedgerEntry> done)
{
    m_store.run(
        context, [=](Store &s) { return record(s, tenantId, actorId, entry); }, std::move(done));
}

void AccountsService::reverse(qint64 tenantId, qint64 actorId, qint64 entryId, const QString &note,
                              QObject *context, Done<LedgerEntry> done)
{
    m_store.run(
        context, [=](Store &s) { return reverse(s, tenantId, actorId, entryId, note); },
        std::move(done));
}

void AccountsService::putOrderOnCredit(qint64 tenantId, qint64 actorId, qint64 orderId,
                                       QObject *context, Done<LedgerEntry> done)
{
    m_store.run(
        context, [=](Store &s) { return putOrderOnCredit(s, tenantId, actorId, orderId); },
        std::move(done));
}

} // namespace shopdesk
