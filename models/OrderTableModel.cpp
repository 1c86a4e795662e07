#include "OrderTableModel.h"

#include "catalog/CatalogService.h"

#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace shopdesk {

OrderTableModel::OrderTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_catalog(catalog)
{
    connect(&m_worker, &StoreWorker::ordersChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            reload();
    });
}

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OrderTableModel::lineName(const OrderLine &line)
{
    return line.unit.isEmpty() ? line.productName
                               : QStringLiteral("%1 %2").arg(line.productName, line.unit);
}

QString OrderTableModel::statusText(const QString &status)
{
    if (status == QLatin1String("open"))
        return tr("Waiting for the customer");
    if (status == QLatin1String("confirmed"))
        return tr("Confirmed");
    if (status == QLatin1String("delivered"))
        return tr("Delivered");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    return status;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Order &o = m_orders.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Number:
            return QStringLiteral("#%1").arg(o.id);
        case Customer:
            return o.customerName.isEmpty() ? QStringLiteral("+") + o.customerPhone
                                            : o.customerName;
        case Status:
            return statusText(o.status);
        case Items: {
            QStringList items;
            for (const OrderLine &l : o.lines)
                items << QStringLiteral("%1 × %2").arg(QString::number(l.quantity, 'g', 6),
                                                       lineName(l));
            return items.join(QStringLiteral(", "));
        }
        case Total:
            return Money::format(o.totalMinor);
        case Placed:
            return QLocale().toString(o.createdAt.toLocalTime(), QLocale::ShortFormat);
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Number:
            return o.id;
        case Total:
            return o.totalMinor;
        case Placed:
            return o.createdAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Total || index.column() == Number))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (o.status == QLatin1String("cancelled"))
            return QBrush(QColor(0x88, 0x88, 0x88));
        if (o.status == QLatin1String("confirmed"))
            return QBrush(QColor(0x1b, 0x6e, 0x3a));
        if (o.status == QLatin1String("open"))
            return QBrush(QColor(0x9a, 0x5b, 0x00));
    }
    if (role == Qt::ToolTipRole && index.column() == Customer)
        return QString(QStringLiteral("+") + o.customerPhone);
    if (role == OrderIdRole)
        return o.id;
    if (role == StatusRole)
        return o.status;
    return {};
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("Order");
    case Customer:
        return tr("Customer");
    case Status:
        return tr("Status");
    case Items:
        return tr("Items");
    case Total:
        return tr("Total");
    case Placed:
        return tr("Placed");
    }
    return {};
}

void OrderTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    beginResetModel();
    m_orders.clear();
    endResetModel();
    reload();
}

void OrderTableModel::reload()
{
    const qint64 tenantId = m_tenantId;
    m_request.run(
        m_worker, this, [tenantId](Store &store) { return store.catalog().orders(tenantId); },
        [this](Result<QList<Order>> result) {
            if (!result) {
                Q_EMIT loadFailed(result.error());
                return;
            }
            beginResetModel();
            m_orders = std::move(result).value();
            endResetModel();
            Q_EMIT loaded();
        });
}

int OrderTableModel::rowOfOrder(qint64 orderId) const
{
    for (int i = 0; i < m_orders.size(); ++i) {
        if (m_orders.at(i).id == orderId)
            return i;
    }
    return -1;
}

void OrderTableModel::setStatus(int row, const QString &status)
{
    if (row < 0 || row >= m_orders.size())
        return;
    Order order = m_orders.at(row);
    if (order.status == status)
        return;
    if (order.status == QLatin1String("delivered") || order.status == QLatin1String("cancelled")) {
        Q_EMIT changeFailed(
            tr("Order #%1 is already %2.").arg(order.id).arg(statusText(order.status).toLower()));
        return;
    }
    order.status = status;
    const qint64 tenantId = m_tenantId;
    m_catalog.updateOrder(
        tenantId, m_actor, order, this, [this, id = order.id](Result<Order> done) {
            if (!done)
                Q_EMIT changeFailed(tr("Order #%1 was not changed: %2").arg(id).arg(done.error()));
        });
}

} // namespace shopdesk
