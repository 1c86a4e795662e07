#pragma once

#include "LatestRequest.h"

#include "domain/Reminder.h"

#include <QAbstractTableModel>

namespace shopdesk {

class CatalogService;
class StoreWorker;

// The store's payment reminders, latest due first: customer, amount, when, state, and why one
// could not be sent. A scheduled one can be cancelled.
class ReminderTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Customer, Amount, Due, State, Note, ColumnCount };

    ReminderTableModel(StoreWorker &worker, CatalogService &catalog, QObject *parent = nullptr);
    // Who makes the changes (the signed-in person): the engine checks their role.
    void setActor(qint64 operatorId) { m_actor = operatorId; }
    qint64 actor() const { return m_actor; }
    CatalogService &catalog() const { return m_catalog; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setTenant(qint64 tenantId);
    void reload();
    Reminder reminderAt(int row) const { return m_reminders.value(row); }
    void cancel(int row);

Q_SIGNALS:
    void loadFailed(const QString &message);
    void changeFailed(const QString &message);

private:
    StoreWorker &m_worker;
    CatalogService &m_catalog;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    QList<Reminder> m_reminders;
    LatestRequest m_request;
};

} // namespace shopdesk
