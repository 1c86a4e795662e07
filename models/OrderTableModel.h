#pragma once

#include "LatestRequest.h"

#include "domain/Order.h"

#include <QAbstractTableModel>

namespace shopdesk {

class CatalogService;
class StoreWorker;

// The store's orders from chat, newest first: number, customer, status, items, total, when.
// Reloads when orders change; status changes (delivered, cancelled) are written in the
// background, and one that fails is reported.
class OrderTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Customer, Status, Items, Total, Placed, ColumnCount };
    enum Role { OrderIdRole = Qt::UserRole + 1, StatusRole, SortRole };

    OrderTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent = nullptr);
    // Who makes the changes (the signed-in person): the engine checks their role.
    void setActor(qint64 operatorId) { m_actor = operatorId; }
    qint64 actor() const { return m_actor; }
    CatalogService &catalog() const { return m_catalog; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void reload();
    Order orderAt(int row) const { return m_orders.value(row); }
    int rowOfOrder(qint64 orderId) const;
    // Moves an order on: open -> confirmed -> delivered, or cancelled (not once delivered).
    void setStatus(int row, const QString &status);
    static QString statusText(const QString &status);
    static QString lineName(const OrderLine &line); // "India Gate Basmati Rice 5 kg"

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);
    void changeFailed(const QString &message);

private:
    StoreWorker &m_worker;
    CatalogService &m_catalog;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    QList<Order> m_orders;
    LatestRequest m_request;
};

} // namespace shopdesk
