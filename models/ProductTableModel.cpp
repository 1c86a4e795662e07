#include "ProductTableModel.h"

#include "catalog/CatalogService.h"

#include "ProductEditCommand.h"
#include "ProductSetCommand.h"
#include "catalog/ProductCsv.h"
#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>
#include <QRegularExpression>
#include <QUndoStack>

namespace shopdesk {

ProductTableModel::ProductTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_catalog(catalog)
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
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case Price:
            return p.priceMinor % 100 == 0 ? QString::number(p.priceMinor / 100)
                                           : QString::number(double(p.priceMinor) / 100.0, 'f', 2);
        case Stock:
            return quantity(p.stock);
        default:
            break;
        }
    }
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
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
    if (m_undo)
        m_undo->clear(); // its steps belong to the other store
    beginResetModel();
    m_products.clear();
    m_rowBySku.clear();
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
            if (m_pendingWrites > 0) {
                // An edit shown here is not written yet: this answer would undo it on screen.
                m_reloadWanted = true;
                return;
            }
            QList<Product> fresh = std::move(result).value();
            bool sameRows = fresh.size() == m_products.size() && !fresh.isEmpty();
            for (qsizetype i = 0; sameRows && i < fresh.size(); ++i)
                sameRows = fresh.at(i).id == m_products.at(i).id;
            if (sameRows) {
                // The same products in the same order: keep the view's selection and editor.
                m_products = std::move(fresh);
                indexSkus();
                Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
            } else {
                beginResetModel();
                m_products = std::move(fresh);
                indexSkus();
                endResetModel();
            }
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

Qt::ItemFlags ProductTableModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags base = QAbstractTableModel::flags(index);
    return index.isValid() ? base | Qt::ItemIsEditable : base;
}

int ProductTableModel::rowOfSku(const QString &sku) const
{
    return m_rowBySku.value(sku, -1);
}

void ProductTableModel::indexSkus()
{
    m_rowBySku.clear();
    m_rowBySku.reserve(m_products.size());
    for (int i = 0; i < m_products.size(); ++i)
        m_rowBySku.insert(m_products.at(i).sku, i);
}

Result<Product> ProductTableModel::checked(const Product &product, const QString &currentSku) const
{
    using R = Result<Product>;
    Product p = product;
    p.sku = p.sku.trimmed();
    p.name = p.name.trimmed();
    if (p.name.isEmpty())
        return R::failure(tr("A product needs a name."));
    if (p.sku.isEmpty())
        return R::failure(tr("A product needs a SKU (any code of yours that no other product "
                             "has)."));
    if (p.sku != currentSku && rowOfSku(p.sku) >= 0)
        return R::failure(tr("Another product already has the SKU %1.").arg(p.sku));
    if (p.priceMinor < 0)
        return R::failure(tr("The price cannot be negative."));
    if (p.stock < 0 || p.lowStockThreshold < 0)
        return R::failure(tr("Stock cannot be negative."));
    return p;
}

Result<Product> ProductTableModel::edited(const Product &product, int column,
                                          const QVariant &value) const
{
    using R = Result<Product>;
    Product p = product;
    const QString text = value.toString().trimmed();
    const auto number = [&](double &target, const QString &what) -> QString {
        bool ok = false;
        const double v = QString(text).replace(QLatin1Char(','), QString()).toDouble(&ok);
        if (!ok || v < 0 || !std::isfinite(v))
            return tr("%1 must be a number of 0 or more, not \"%2\".").arg(what, text);
        target = v;
        return {};
    };
    QString problem;
    switch (column) {
    case Sku:
        p.sku = text;
        break;
    case Name:
        p.name = text;
        break;
    case Brand:
        p.brand = text;
        break;
    case Category:
        p.category = text;
        break;
    case Unit:
        p.unit = text;
        break;
    case Price: {
        const qint64 minor = ProductCsv::priceMinor(text);
        if (minor < 0)
            problem = tr("The price must be an amount like 56 or 56.50, not \"%1\".").arg(text);
        p.priceMinor = minor;
        break;
    }
    case Stock:
        problem = number(p.stock, tr("Stock"));
        break;
    case LowStockThreshold:
        problem = number(p.lowStockThreshold, tr("The reorder level"));
        break;
    case Aliases:
        p.aliases.clear();
        for (const QString &a :
             text.split(QRegularExpression(QStringLiteral("[,;|]")), Qt::SkipEmptyParts)) {
            if (!a.trimmed().isEmpty() && !p.aliases.contains(a.trimmed()))
                p.aliases << a.trimmed();
        }
        break;
    default:
        problem = tr("This column cannot be edited.");
    }
    if (!problem.isEmpty())
        return R::failure(problem);
    return checked(p, product.sku);
}

bool ProductTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Product before = m_products.at(index.row());
    auto after = edited(before, index.column(), value);
    if (!after) {
        Q_EMIT editRejected(after.error());
        return false;
    }
    if (after->sku == before.sku && after->name == before.name && after->brand == before.brand &&
        after->category == before.category && after->unit == before.unit &&
        after->priceMinor == before.priceMinor && after->stock == before.stock &&
        after->lowStockThreshold == before.lowStockThreshold && after->aliases == before.aliases)
        return true; // nothing changed
    const QString what = headerData(index.column(), Qt::Horizontal, Qt::DisplayRole).toString();
    if (m_undo)
        m_undo->push(new ProductEditCommand(*this, before, after.value(), what.toLower()));
    else
        writeProduct(before.sku, after.value());
    return true;
}

bool ProductTableModel::addProduct(const Product &product)
{
    auto p = checked(product);
    if (!p) {
        Q_EMIT editRejected(p.error());
        return false;
    }
    if (m_undo)
        m_undo->push(new ProductSetCommand(*this, ProductSetCommand::Kind::Add, {p.value()}));
    else
        insertProducts({p.value()});
    return true;
}

void ProductTableModel::removeRows(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<Product> gone;
    for (int r : rows) {
        if (r >= 0 && r < m_products.size())
            gone << m_products.at(r);
    }
    if (gone.isEmpty())
        return;
    if (m_undo)
        m_undo->push(new ProductSetCommand(*this, ProductSetCommand::Kind::Remove, gone));
    else {
        QStringList skus;
        for (const Product &p : gone)
            skus << p.sku;
        deleteProducts(skus);
    }
}

void ProductTableModel::recordImport(const QList<Product> &before, const QList<Product> &imported)
{
    if (m_undo)
        m_undo->push(
            new ProductSetCommand(*this, ProductSetCommand::Kind::Import, imported, before, true));
}

void ProductTableModel::writeProduct(const QString &sku, const Product &product)
{
    ++m_pendingWrites;
    const int row = rowOfSku(sku);
    if (row >= 0) {
        const qint64 id = m_products[row].id;
        m_products[row] = product;
        m_products[row].id = id;
        m_rowBySku.remove(sku);
        m_rowBySku.insert(product.sku, row);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    const qint64 tenantId = m_tenantId;
    m_catalog.updateProduct(tenantId, m_actor, sku, product, this, [this](Result<Product> saved) {
        writeDone();
        if (!saved) {
            Q_EMIT writeFailed(tr("The change was not saved: %1").arg(saved.error()));
            reload();
        }
    });
}

void ProductTableModel::insertProducts(const QList<Product> &products)
{
    ++m_pendingWrites;
    const qint64 tenantId = m_tenantId;
    m_catalog.upsertProducts(tenantId, m_actor, products, this, [this](Result<int> saved) {
        writeDone();
        if (!saved) {
            Q_EMIT writeFailed(tr("The products were not saved: %1").arg(saved.error()));
            reload();
        }
    });
}

void ProductTableModel::deleteProducts(const QStringList &skus)
{
    ++m_pendingWrites;
    const qint64 tenantId = m_tenantId;
    m_catalog.deleteProducts(tenantId, m_actor, skus, this, [this](Status done) {
        writeDone();
        if (!done) {
            Q_EMIT writeFailed(tr("Not removed: %1").arg(done.error()));
            reload();
        }
    });
}

void ProductTableModel::writeDone()
{
    if (--m_pendingWrites == 0 && m_reloadWanted) {
        m_reloadWanted = false;
        reload();
    }
}

} // namespace shopdesk
