#include "ProductTableModel.h"

#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>

namespace shopdesk {

ProductTableModel::ProductTableModel(StoreWorker &worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
    connect(&m_worker, &StoreWorker::productsChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            reload();
    });
}

int ProductTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Product &p = m_products.at(index.row());
    const auto quantity = [](double v) {
        return QString::number(v, 'g', 8);
    };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Sku:
            return p.sku;
        case Name:
            return p.name;
        case Brand:
            return p.brand;
        case Category:
            return p.category;
        case Unit:
            return p.unit;
        case Price:
            return Money::format(p.priceMinor);
        case Stock:
            return p.outOfStock() ? tr("Out of stock") : quantity(p.stock);
        case LowStockThreshold:
            return quantity(p.lowStockThreshold);
        case Aliases:
            return p.aliases.join(QStringLiteral(", "));
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Price:
            return p.priceMinor;
        case Stock:
            return p.stock;
        case LowStockThreshold:
            return p.lowStockThreshold;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Price || index.column() == Stock || index.column() == LowStockThreshold))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Stock) {
        if (p.outOfStock())
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        if (p.lowOnStock())
            return QBrush(QColor(0x9a, 0x5b, 0x00));
    }
    if (role == Qt::BackgroundRole && (p.outOfStock() || p.lowOnStock()))
        return QBrush(p.outOfStock() ? QColor(0xfd, 0xec, 0xec) : QColor(0xff, 0xf6, 0xe0));
    if (role == Qt::ToolTipRole && index.column() == Stock) {
        if (p.outOfStock())
            return tr("Out of stock: the bot offers a substitute.");
        if (p.lowOnStock())
            return tr("Low on stock: %1 left, reorder at %2.")
                .arg(quantity(p.stock), quantity(p.lowStockThreshold));
    }
    if (role == ProductIdRole)
        return p.id;
    if (role == StockStateRole)
        return p.outOfStock()   ? QStringLiteral("out")
               : p.lowOnStock() ? QStringLiteral("low")
                                : QStringLiteral("ok");
    return {};
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Sku:
        return tr("SKU");
    case Name:
        return tr("Product");
    case Brand:
        return tr("Brand");
    case Category:
        return tr("Category");
    case Unit:
        return tr("Unit");
    case Price:
        return tr("Price");
    case Stock:
        return tr("Stock");
    case LowStockThreshold:
        return tr("Reorder at");
    case Aliases:
        return tr("Also called");
    }
    return {};
}

void ProductTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    beginResetModel();
    m_products.clear();
    endResetModel();
    reload();
}

void ProductTableModel::reload()
{
    const qint64 tenantId = m_tenantId;
    m_request.run(
        m_worker, this, [tenantId](Store &store) { return store.catalog().products(tenantId); },
        [this](Result<QList<Product>> result) {
            if (!result) {
                Q_EMIT loadFailed(result.error());
                return;
            }
            beginResetModel();
            m_products = std::move(result).value();
            endResetModel();
            Q_EMIT loaded();
        });
}

int ProductTableModel::outOfStockCount() const
{
    return int(std::count_if(m_products.cbegin(), m_products.cend(),
                             [](const Product &p) { return p.outOfStock(); }));
}

int ProductTableModel::lowStockCount() const
{
    return int(std::count_if(m_products.cbegin(), m_products.cend(),
                             [](const Product &p) { return p.lowOnStock(); }));
}

} // namespace shopdesk
