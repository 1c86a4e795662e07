#pragma once

#include "domain/Customer.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace shopdesk {

class CustomerTableModel;
class LedgerTableModel;

// The store's customers: search by name, nickname, landmark, number, label or note; add a
// walk-in customer; the selected customer's details (edit them, open their chat) and their
// ledger with the running balance, where a manager or the owner records a payment (cash, UPI,
// card), gives goods on credit or reverses an entry.
class CustomersPane : public QWidget
{
    Q_OBJECT
public:
    CustomersPane(CustomerTableModel &customers, LedgerTableModel &ledger,
                  QWidget *parent = nullptr);

    // Whether the signed-in person may write the ledger (Permission::KeepAccounts).
    void setCanKeepAccounts(bool may);
    void selectCustomer(qint64 contactId);
    Customer selectedCustomer() const;

    QLineEdit *search() const { return m_search; }
    QTableView *table() const { return m_table; }
    QTableView *ledger() const { return m_ledgerView; }
    QLabel *balanceLabel() const { return m_balance; }
    QLabel *detailLabel() const { return m_detail; }
    QPushButton *addWalkInButton() const { return m_addWalkIn; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *payButton() const { return m_pay; }
    QPushButton *creditButton() const { return m_credit; }
    QPushButton *reverseButton() const { return m_reverse; }
    QPushButton *chatButton() const { return m_chat; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void openChat(qint64 conversationId);

private:
    QWidget *buildDetails(QWidget *parent);
    void showSelected();
    void updateButtons();
    void updateSummary();
    void addWalkIn();
    void editSelected();
    void recordEntry(bool payment);
    void reverseSelectedEntry();
    void saved(const QString &what, const QString &error);

    CustomerTableModel &m_customers;
    LedgerTableModel &m_ledger;
    bool m_canKeepAccounts = false;
    qint64 m_wanted = 0; // the customer to select once the list has them
    QSortFilterProxyModel *m_proxy = nullptr;
    QTimer *m_searchDelay = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_notes = nullptr;
    QLabel *m_balance = nullptr;
    QTableView *m_ledgerView = nullptr;
    QPushButton *m_addWalkIn = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_chat = nullptr;
    QPushButton *m_pay = nullptr;
    QPushButton *m_credit = nullptr;
    QPushButton *m_reverse = nullptr;
};

} // namespace shopdesk
