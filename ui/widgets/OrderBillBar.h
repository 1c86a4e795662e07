#pragma once

#include "domain/Order.h"

#include <QWidget>

class QPushButton;

namespace shopdesk {

class AccountsService;
class BillService;
class OrderTableModel;

// An order's bill and account, under the Orders pane: save the bill as a PDF (to print or
// keep), send it to the customer on WhatsApp as a document, and put the order on credit
// (udhaar). An order without a bill (not confirmed yet) offers none of them.
class OrderBillBar : public QWidget
{
    Q_OBJECT
public:
    OrderBillBar(OrderTableModel &orders, BillService &bills, AccountsService &accounts,
                 QWidget *parent = nullptr);

    void setOrder(const Order &order); // id 0: none selected
    // Writes the selected order's bill to `path` as a PDF; the answer comes as message().
    void savePdf(const QString &path);

    QPushButton *saveButton() const { return m_save; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *creditButton() const { return m_credit; }

Q_SIGNALS:
    void message(const QString &text, bool isError);

private:
    void send();
    void putOnCredit();

    OrderTableModel &m_orders;
    BillService &m_bills;
    AccountsService &m_accounts;
    Order m_order;
    QPushButton *m_save = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_credit = nullptr;
};

} // namespace shopdesk
