#pragma once

#include "LatestRequest.h"

#include "catalog/ReorderPlanner.h"

#include <QAbstractTableModel>

class QTimer;

namespace shopdesk {

class CatalogService;
class StoreWorker;

// The "to reorder" list (ReorderPlanner): product, stock, sales a day, days left, the
// suggested quantity and why. Reads again a moment after the products or orders change (a
// burst of orders reads once).
class ReorderTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ProductName, Stock, SoldPerDay, DaysLeft, Suggested, Why, ColumnCount };

    ReorderTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent = nullptr);
    void setActor(qint64 operatorId);
    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const QList<ReorderPlanner::Line> &lines() const { return m_lines; }
    // The list as text to send a supplier: "Aashirvaad Atta 5 kg: 12", one per line.
    QString shoppingList() const;
    static QString quantityText(const ReorderPlanner::Line &line); // "12 × 500 g", "8 kg"

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    StoreWorker &m_worker;
    CatalogService &m_catalog;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    QList<ReorderPlanner::Line> m_lines;
    QTimer *m_later = nullptr;
    LatestRequest m_request;
};

} // namespace shopdesk
