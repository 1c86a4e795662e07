#pragma once

#include "catalog/ReorderPlanner.h"
#include "core/Result.h"
#include "domain/Order.h"
#include "domain/Product.h"
#include "storage/StockLedger.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// What people change in the store's stock and accounts, for the console and the remote API:
// products (edits, imports, removals), an order's status, a reminder cancelled. Each runs on
// the database thread in one transaction that checks the person may (a manager or the owner,
// Permission::EditInventory) and writes an audit entry; answers come on the caller's thread.
class CatalogService : public QObject
{
    Q_OBJECT
public:
    explicit CatalogService(StoreWorker &store, QObject *parent = nullptr);

    void updateProduct(qint64 tenantId, qint64 actorId, const QString &sku, const Product &product,
                       QObject *context, std::function<void(Result<Product>)> done);
    void upsertProducts(qint64 tenantId, qint64 actorId, const QList<Product> &products,
                        QObject *context, std::function<void(Result<int>)> done);
    void deleteProducts(qint64 tenantId, qint64 actorId, const QStringList &skus, QObject *context,
                        std::function<void(Status)> done);
    void updateOrder(qint64 tenantId, qint64 actorId, const Order &order, QObject *context,
                     std::function<void(Result<Order>)> done);
    void cancelReminder(qint64 tenantId, qint64 actorId, qint64 reminderId, QObject *context,
                        std::function<void(Result<bool>)> done);
    // A product's stock movements, newest first (people who may edit the inventory).
    void stockHistory(qint64 tenantId, qint64 actorId, qint64 productId, QObject *context,
                      std::function<void(Result<QList<StockLedger::Movement>>)> done);

    // What to reorder now (ReorderPlanner's default policy), for people who may edit the
    // inventory.
    void reorderList(qint64 tenantId, qint64 actorId, QObject *context,
                     std::function<void(Result<QList<ReorderPlanner::Line>>)> done);

    // The same on the database thread (the command line, tests).
    static Result<int> upsertProducts(Store &store, qint64 tenantId, qint64 actorId,
                                      const QList<Product> &products);
    static Status deleteProducts(Store &store, qint64 tenantId, qint64 actorId,
                                 const QStringList &skus);
    static Result<Order> updateOrder(Store &store, qint64 tenantId, qint64 actorId,
                                     const Order &order);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
