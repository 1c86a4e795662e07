#pragma once

#include "LatestRequest.h"

#include "domain/Product.h"

#include <QAbstractTableModel>
#include <QHash>

class QUndoStack;

namespace shopdesk {

class CatalogService;
class StoreWorker;

// The store's inventory as an editable table. Out-of-stock and low-stock rows are marked. An
// edit is checked first (a name, a price, stock that is a number, a SKU no other product has);
// a good one shows at once, goes on the undo stack and is written in the background; a bad one
// is refused with the reason (editRejected). Writes that fail (writeFailed) reload the table.
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

    ProductTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent = nullptr);
    // Who makes the changes (the signed-in person): the engine checks their role.
    void setActor(qint64 operatorId) { m_actor = operatorId; }
    qint64 actor() const { return m_actor; }
    CatalogService &catalog() const { return m_catalog; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    void setUndoStack(QUndoStack *stack) { m_undo = stack; }
    // Adds a product (checked like an edit); false with editRejected when it is not valid.
    bool addProduct(const Product &product);
    // Removes the products of these rows, as one step to undo.
    void removeRows(QList<int> rows);
    // Records an import that already happened, so it can be undone: `before` are the products
    // it changed as they were, `imported` what it wrote.
    void recordImport(const QList<Product> &before, const QList<Product> &imported);

    // The writes the undo commands make; each shows at once and is written in the background.
    void writeProduct(const QString &sku, const Product &product);
    void insertProducts(const QList<Product> &products);
    void deleteProducts(const QStringList &skus);

    // A product as this edit would make it, or why the edit is refused.
    Result<Product> edited(const Product &product, int column, const QVariant &value) const;
    Result<Product> checked(const Product &product, const QString &currentSku = {}) const;
    int rowOfSku(const QString &sku) const;

    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void reload();
    Product productAt(int row) const { return m_products.value(row); }
    int outOfStockCount() const;
    int lowStockCount() const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);
    void editRejected(const QString &message);
    void writeFailed(const QString &message);

private:
    StoreWorker &m_worker;
    CatalogService &m_catalog;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    QList<Product> m_products;
    QHash<QString, int> m_rowBySku;
    LatestRequest m_request;
    void writeDone();
    void indexSkus(); // m_rowBySku from m_products

    QUndoStack *m_undo = nullptr;
    int m_pendingWrites = 0;
    bool m_reloadWanted = false;
};

} // namespace shopdesk
