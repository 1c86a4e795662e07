#pragma once

#include "core/Result.h"
#include "domain/Order.h"
#include "domain/Product.h"
#include "storage/StockLedger.h"

#include <QObject>

#include <optional>

namespace shopdesk {

class SqlBackend;

// What the store sells and what customers ordered (what they owe: LedgerStore).
class CatalogStore : public QObject
{
    Q_OBJECT
public:
    explicit CatalogStore(SqlBackend &db, QObject *parent = nullptr);

    // Inserts or updates by SKU, all in one transaction: a bad row changes nothing. Each stock
    // that changes is an "import" movement by `actorId`.
    Result<int> upsertProducts(qint64 tenantId, const QList<Product> &products, qint64 actorId = 0);
    Result<QList<Product>> products(qint64 tenantId);
    Result<Product> product(qint64 tenantId, qint64 productId);
    // Changes the product that has SKU `sku` (its SKU may change too). A SKU another product
    // has, an empty name or a negative price or stock is refused with the reason. A changed
    // stock is an "edit" movement by `actorId`.
    Result<Product> updateProduct(qint64 tenantId, const QString &sku, const Product &product,
                                  qint64 actorId = 0);
    // Removes products, all or none: one that is in customers' orders keeps them all, with the
    // reason.
    Status deleteProducts(qint64 tenantId, const QStringList &skus);
    // Changes whenever the inventory does (count, newest change, sum of stock).
    Result<QString> productsRevision(qint64 tenantId);

    // A confirmed (or delivered) order takes its goods from stock and gets the store's next
    // bill number (BillNumbers) in the same transaction;
    // not enough of one refuses it (ErrorKind::Conflict, with what is left) and writes nothing.
    Result<Order> addOrder(qint64 tenantId, const Order &order, qint64 actorId = 0);
    Result<QList<Order>> orders(qint64 tenantId, int limit = 500);
    // One order with its lines and customer.
    Result<Order> order(qint64 tenantId, qint64 orderId);
    // The customer's newest order with a bill (0: none).
    Result<qint64> latestBilledOrder(qint64 tenantId, qint64 contactId);
    // The customer's newest order, with its lines; none when they never ordered.
    Result<std::optional<Order>> latestOrder(qint64 tenantId, qint64 contactId);
    // Replaces an order's status and lines and recomputes its total, in one transaction; stock
    // follows (confirming takes the goods, cancelling gives them back, a changed confirmed
    // order moves the difference; delivering keeps them taken).
    Result<Order> updateOrder(qint64 tenantId, const Order &order, qint64 actorId = 0);
    // What writing `order` (new, or a change of a stored one) would take that is not in stock,
    // in words ("Only 1 kg of Basmati Rice is left (2 kg asked)."), empty when it all is. On
    // PostgreSQL it locks the products until the transaction ends, so a write after it in the
    // same transaction cannot fall short.
    Result<QString> stockShortfall(qint64 tenantId, const Order &order);
    // A product's stock movements, newest first.
    Result<QList<StockLedger::Movement>> stockHistory(qint64 tenantId, qint64 productId,
                                                      int limit = 200);

Q_SIGNALS:
    void productsChanged(qint64 tenantId);
    void ordersChanged(qint64 tenantId);

private:
    void insertLines(qint64 tenantId, Order &order); // inside the caller's transaction
    // Orders newest first with their lines and customer; only `orderId` when it is set.
    QList<Order> selectOrders(qint64 tenantId, qint64 orderId, int limit);
    // ordersChanged after commit, and productsChanged when stock moved.
    void announceOrder(qint64 tenantId, bool stockMoved);
    // The stored order's status and lines (product, quantity), locked on PostgreSQL.
    std::optional<Order> storedOrder(qint64 tenantId, qint64 orderId);

    SqlBackend &m_db;
};

} // namespace shopdesk
