#pragma once

#include "LatestRequest.h"

#include "domain/Customer.h"

#include <QAbstractTableModel>

namespace shopdesk {

class AccountsService;
class StoreWorker;

// The store's customers for the Customers pane: name, nickname, where they live, number,
// labels, what they owe, last order and whether they said STOP. The search runs in the
// engine over every detail (a nickname or a landmark finds them); the list reads again when a
// customer, their ledger or their orders change.
class CustomerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Balance,
        Nickname,
        Landmark,
        Phone,
        LastOrder,
        Labels,
        Messages,
        ColumnCount
    };
    enum Role { ContactIdRole = Qt::UserRole + 1, SortRole };

    CustomerTableModel(StoreWorker &worker, AccountsService &accounts, QObject *parent = nullptr);
    void setActor(qint64 operatorId);
    qint64 actor() const { return m_actor; }
    AccountsService &accounts() const { return m_accounts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void setSearch(const QString &words);
    QString searchText() const { return m_search; }
    void reload();
    Customer customerAt(int row) const { return m_customers.value(row); }
    int rowOfCustomer(qint64 contactId) const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    StoreWorker &m_worker;
    AccountsService &m_accounts;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    QString m_search;
    QList<Customer> m_customers;
    LatestRequest m_request;
};

} // namespace shopdesk
