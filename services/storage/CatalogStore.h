#pragma once

#include "core/Result.h"
#include "domain/LedgerEntry.h"
#include "domain/Order.h"
#include "domain/Product.h"

#include <QObject>

#include <optional>

namespace shopdesk {

class SqlBackend;

// What the store sells, what customers ordered, and what they owe.
class CatalogStore : public QObject
{
    Q_OBJECT
public:
    explicit CatalogStore(SqlBackend &db, QObject *parent = nullptr);

    // Inserts or updates by SKU, all in one transaction: a bad row changes nothing.
    Result<int> upsertProducts(qint64 tenantId, const QList<Product> &products);
    Result<QList<Product>> products(qint64 tenantId);
    // Changes the product that has SKU `sku` (its SKU may change too). A SKU another product
    // has, an empty name or a negative price or stock is refused with the reason.
    Result<Product> updateProduct(qint64 tenantId, const QString &sku, const Product &product);
    // Removes products, all or none: one that is in customers' orders keeps them all, with the
    // reason.
    Status deleteProducts(qint64 tenantId, const QStringList &skus);
    // Changes whenever the inventory does (count, newest change, sum of stock).
    Result<QString> productsRevision(qint64 tenantId);

    Result<Order> addOrder(qint64 tenantId, const Order &order);
    Result<QList<Order>> orders(qint64 tenantId, int limit = 500);
    // The customer's newest order, with its lines; none when they never ordered.
    Result<std::optional<Order>> latestOrder(qint64 tenantId, qint64 contactId);
    // Replaces an order's status and lines and recomputes its total, in one transaction.
    Result<Order> updateOrder(qint64 tenantId, const Order &order);

    Result<LedgerEntry> addLedgerEntry(qint64 tenantId, const LedgerEntry &entry);
    Result<QList<LedgerEntry>> ledger(qint64 tenantId, qint64 contactId);
    // What the customer owes: credit given minus payments received.
    Result<qint64> balance(qint64 tenantId, qint64 contactId);

Q_SIGNALS:
    void productsChanged(qint64 tenantId);
    void ordersChanged(qint64 tenantId);

private:
    void insertLines(qint64 tenantId, Order &order); // inside the caller's transaction

    SqlBackend &m_db;
};

} // namespace shopdesk
