#include "ReorderTableModel.h"

#include "catalog/CatalogService.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>
#include <QTimer>

namespace shopdesk {

ReorderTableModel::ReorderTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_catalog(catalog)
    , m_later(new QTimer(this))
{
    m_later->setSingleShot(true);
    m_later->setInterval(400);
    connect(m_later, &QTimer::timeout, this, &ReorderTableModel::reload);
    const auto changed = [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            m_later->start();
    };
    connect(&m_worker, &StoreWorker::productsChanged, this, changed);
    connect(&m_worker, &StoreWorker::ordersChanged, this, changed);
}

void ReorderTableModel::setActor(qint64 operatorId)
{
    if (operatorId == m_actor)
        return;
    m_actor = operatorId;
    reload();
}

void ReorderTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    m_request.invalidate();
    beginResetModel();
    m_lines.clear();
    endResetModel();
    reload();
}

void ReorderTableModel::reload()
{
    m_later->stop();
    if (m_tenantId <= 0 || m_actor <= 0)
        return;
    m_catalog.reorderList(m_tenantId, m_actor, this,
                          m_request.latest([this](Result<QList<ReorderPlanner::Line>> r) {
                              if (!r) {
                                  Q_EMIT loadFailed(r.error());
                                  return;
                              }
                              beginResetModel();
                              m_lines = std::move(r).value();
                              endResetModel();
                              Q_EMIT loaded();
                          }));
}

int ReorderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ReorderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReorderTableModel::quantityText(const ReorderPlanner::Line &l)
{
    const QString &unit = l.product.unit;
    const QString n = QString::number(l.suggested, 'g', 6);
    if (unit.isEmpty())
        return n;
    // A pack ("500 g") is counted in packs; a loose unit ("kg") follows the number.
    return unit.front().isDigit() ? QStringLiteral("%1 \u00d7 %2").arg(n, unit)
                                  : QStringLiteral("%1 %2").arg(n, unit);
}

QVariant ReorderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReorderPlanner::Line &l = m_lines.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ProductName: { // the pack size tells two sizes of one product apart
            const Product &p = l.product;
            QString name =
                p.brand.isEmpty() ? p.name : QStringLiteral("%1 %2").arg(p.brand, p.name);
            if (!p.unit.isEmpty() && p.unit.front().isDigit())
                name += QLatin1Char(' ') + p.unit;
            return name;
        }
        case Stock:
            return QString::number(l.product.stock, 'g', 6);
        case SoldPerDay:
            return l.soldPerDay > 0 ? QString::number(l.soldPerDay, 'f', 1) : QString();
        case DaysLeft:
            return l.daysLeft < 0 ? QString() : QString::number(l.daysLeft, 'f', 0);
        case Suggested:
            return quantityText(l);
        case Why:
            return l.reason;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != ProductName && index.column() != Why)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Stock && l.product.stock <= 0)
        return QBrush(QColor(0xb0, 0x2a, 0x2a));
    return {};
}

QVariant ReorderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ProductName:
        return tr("Product");
    case Stock:
        return tr("In stock");
    case SoldPerDay:
        return tr("Sells a day");
    case DaysLeft:
        return tr("Days left");
    case Suggested:
        return tr("Order");
    case Why:
        return tr("Why");
    }
    return {};
}

QString ReorderTableModel::shoppingList() const
{
    QStringList out;
    for (int row = 0; row < rowCount(); ++row)
        out << QStringLiteral("%1: %2").arg(data(index(row, ProductName)).toString(),
                                            quantityText(m_lines.at(row)));
    return out.join(QLatin1Char('\n'));
}

} // namespace shopdesk
