#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class QTableWidget;

namespace shopdesk {

class AccountsService;
class BillService;
class OrderBillBar;
class OrderTableModel;
class ReminderTableModel;

// Orders the bot took in chat: filter by status, search by customer or item; the selected
// order's lines and total below, with the steps a shop takes next (mark delivered, cancel) and
// a way to the customer's chat; its bill (save as PDF, send on WhatsApp) and putting it on
// credit. A second tab lists the payment reminders.
class OrdersPane : public QWidget
{
    Q_OBJECT
public:
    OrdersPane(OrderTableModel &orders, ReminderTableModel &reminders, BillService &bills,
               AccountsService &accounts, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QTableWidget *lines() const { return m_lines; }
    QComboBox *statusFilter() const { return m_status; }
    QTableView *reminders() const { return m_reminders; }
    QTabWidget *tabs() const { return m_tabs; }
    OrderBillBar *billBar() const { return m_billBar; }
    QString summaryText() const;
    void selectOrder(qint64 orderId);
    void setSelectedStatus(const QString &status); // the buttons

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void openChat(qint64 conversationId);

private:
    void showSelected();
    void updateSummary();
    int selectedRow() const;

    OrderTableModel &m_orders;
    ReminderTableModel &m_reminderModel;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_reminders = nullptr;
    QSortFilterProxyModel *m_statusProxy = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detail = nullptr;
    QTableWidget *m_lines = nullptr;
    QPushButton *m_delivered = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_chat = nullptr;
    OrderBillBar *m_billBar = nullptr;
};

} // namespace shopdesk
