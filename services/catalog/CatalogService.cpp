#include "catalog/CatalogService.h"

#include "access/AuditedChange.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

namespace {

template<typename T, typename F>
Result<T> checked(Store &store, qint64 tenantId, qint64 actorId, F f)
{
    return auditedChange<T>(store, tenantId, actorId, Permission::EditInventory, std::move(f));
}

} // namespace

CatalogService::CatalogService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

Result<int> CatalogService::upsertProducts(Store &store, qint64 tenantId, qint64 actorId,
                                           const QList<Product> &products)
{
    return checked<int>(store, tenantId, actorId, [&](QString &action, QJsonObject &detail) {
        action = QStringLiteral("product.import");
        detail.insert(QStringLiteral("products"), int(products.size()));
        return store.catalog().upsertProducts(tenantId, products, actorId);
    });
}

Status CatalogService::deleteProducts(Store &store, qint64 tenantId, qint64 actorId,
                                      const QStringList &skus)
{
    return checked<Done>(store, tenantId, actorId, [&](QString &action, QJsonObject &detail) {
        action = QStringLiteral("product.delete");
        detail.insert(QStringLiteral("skus"), QJsonArray::fromStringList(skus.mid(0, 50)));
        detail.insert(QStringLiteral("products"), int(skus.size()));
        return store.catalog().deleteProducts(tenantId, skus);
    });
}

Result<Order> CatalogService::updateOrder(Store &store, qint64 tenantId, qint64 actorId,
                                          const Order &order)
{
    return checked<Order>(store, tenantId, actorId, [&](QString &action, QJsonObject &detail) {
        action = QStringLiteral("order.update");
        detail.insert(QStringLiteral("order"), order.id);
        detail.insert(QStringLiteral("status"), order.status);
        return store.catalog().updateOrder(tenantId, order, actorId);
    });
}

void CatalogService::updateProduct(qint64 tenantId, qint64 actorId, const QString &sku,
                                   const Product &product, QObject *context,
                                   std::function<void(Result<Product>)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            // One cell at a time while typing: checked, not audited line by line.
            return checked<Product>(s, tenantId, actorId, [&](QString &, QJsonObject &) {
                return s.catalog().updateProduct(tenantId, sku, product, actorId);
            });
        },
        std::move(done));
}

void CatalogService::upsertProducts(qint64 tenantId, qint64 actorId, const QList<Product> &products,
                                    QObject *context, std::function<void(Result<int>)> done)
{
    m_store.run(
        context, [=](Store &s) { return upsertProducts(s, tenantId, actorId, products); },
        std::move(done));
}

void CatalogService::deleteProducts(qint64 tenantId, qint64 actorId, const QStringList &skus,
                                    QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context, [=](Store &s) { return deleteProducts(s, tenantId, actorId, skus); },
        std::move(done));
}

void CatalogService::updateOrder(qint64 tenantId, qint64 actorId, const Order &order,
                                 QObject *context, std::function<void(Result<Order>)> done)
{
    m_store.run(
        context, [=](Store &s) { return updateOrder(s, tenantId, actorId, order); },
        std::move(done));
}

void CatalogService::stockHistory(qint64 tenantId, qint64 actorId, qint64 productId,
                                  QObject *context,
                                  std::function<void(Result<QList<StockLedger::Movement>>)> done)
{
    using R = Result<QList<StockLedger::Movement>>;
    m_store.run(
        context,
        [=](Store &s) -> R {
            if (auto allowed = Access::require(s, tenantId, actorId, Permission::EditInventory);
                !allowed)
                return R::failure(allowed);
            return s.catalog().stockHistory(tenantId, productId);
        },
        std::move(done));
}

void CatalogService::cancelReminder(qint64 tenantId, qint64 actorId, qint64 reminderId,
                                    QObject *context, std::function<void(Result<bool>)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return checked<bool>(s, tenantId, actorId, [&](QString &action, QJsonObject &detail) {
                action = QStringLiteral("reminder.cancel");
                detail.insert(QStringLiteral("reminder"), reminderId);
                return s.agent().cancelReminder(tenantId, reminderId);
            });
        },
        std::move(done));
}

void CatalogService::reorderList(qint64 tenantId, qint64 actorId, QObject *context,
                                 std::function<void(Result<QList<ReorderPlanner::Line>>)> done)
{
    using Lines = QList<ReorderPlanner::Line>;
    m_store.run(
        context,
        [=](Store &s) {
            return checked<Lines>(s, tenantId, actorId, [&](QString &, QJsonObject &) {
                return ReorderPlanner::forStore(s, tenantId, QDateTime::currentDateTimeUtc(),
                                                ReorderPlanner::Policy{});
            });
        },
        std::move(done));
}

} // namespace shopdesk
