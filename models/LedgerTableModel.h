#pragma once

#include "LatestRequest.h"

#include "domain/LedgerEntry.h"

#include <QAbstractTableModel>

namespace shopdesk {

class AccountsService;
class StoreWorker;

// One customer's ledger (udhaar book), oldest first, each entry with the balance after it; an
// entry that was undone is greyed and says which entry undid it. Reads again when the store's
// customers' accounts change.
class LedgerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { When, Entry, Amount, Balance, Note, ColumnCount };
    enum Role { EntryIdRole = Qt::UserRole + 1 };

    LedgerTableModel(StoreWorker &worker, AccountsService &accounts, QObject *parent = nullptr);
    void setActor(qint64 operatorId) { m_actor = operatorId; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The customer whose book to show (0: none).
    void setCustomer(qint64 tenantId, qint64 contactId);
    qint64 contactId() const { return m_contactId; }
    void reload();
    LedgerEntry entryAt(int row) const { return m_entries.value(row); }
    qint64 balanceMinor() const
    {
        return m_entries.isEmpty() ? 0 : m_entries.last().balanceAfterMinor;
    }
    static QString entryText(const LedgerEntry &e); // "Payment (UPI)", "Credit", "Correction of #4"

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    StoreWorker &m_worker;
    AccountsService &m_accounts;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    qint64 m_contactId = 0;
    QList<LedgerEntry> m_entries;
    LatestRequest m_request;
};

} // namespace shopdesk
