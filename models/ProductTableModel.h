#pragma once

#include "LatestRequest.h"

#include "domain/Product.h"

#include <QAbstractTableModel>

namespace shopdesk {

class StoreWorker;

// The store's inventory as a table. Out-of-stock and low-stock rows are marked.
class ProductTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Sku,
        Name,
        Brand,
        Category,
        Unit,
        Price,
        Stock,
        LowStockThreshold,
        Aliases,
        ColumnCount
    };
    enum Role { ProductIdRole = Qt::UserRole + 1, StockStateRole, SortRole };

    explicit ProductTableModel(StoreWorker &worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void reload();
    Product productAt(int row) const { return m_products.value(row); }
    int outOfStockCount() const;
    int lowStockCount() const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    StoreWorker &m_worker;
    qint64 m_tenantId = 0;
    QList<Product> m_products;
    LatestRequest m_request;
};

} // namespace shopdesk
