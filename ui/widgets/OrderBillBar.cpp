#include "widgets/OrderBillBar.h"

#include "OrderTableModel.h"
#include "accounts/AccountsService.h"
#include "bills/BillService.h"
#include "core/Money.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>

namespace shopdesk {

OrderBillBar::OrderBillBar(OrderTableModel &orders, BillService &bills, AccountsService &accounts,
                           QWidget *parent)
    : QWidget(parent)
    , m_orders(orders)
    , m_bills(bills)
    , m_accounts(accounts)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_save = new QPushButton(tr("Save bill as PDF\u2026"), this);
    m_save->setObjectName(QStringLiteral("saveBill"));
    m_send = new QPushButton(tr("Send bill on WhatsApp"), this);
    m_send->setObjectName(QStringLiteral("sendBill"));
    m_credit = new QPushButton(tr("Put on credit (udhaar)"), this);
    m_credit->setObjectName(QStringLiteral("orderOnCredit"));
    row->addWidget(m_save);
    row->addWidget(m_send);
    row->addWidget(m_credit);
    row->addStretch(1);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString suggested =
            QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                .filePath(QStringLiteral("Bill-%1.pdf").arg(m_order.billNumber));
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the bill"), suggested, tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            savePdf(path);
    });
    connect(m_send, &QPushButton::clicked, this, &OrderBillBar::send);
    connect(m_credit, &QPushButton::clicked, this, &OrderBillBar::putOnCredit);
    setOrder({});
}

void OrderBillBar::setOrder(const Order &order)
{
    m_order = order;
    const bool billed = order.id > 0 && order.billNumber > 0;
    m_save->setEnabled(billed);
    m_send->setEnabled(billed && order.conversationId > 0);
    m_credit->setEnabled(billed && order.status != QLatin1String("cancelled"));
    const QString why =
        order.id > 0 && !billed ? tr("The bill is made when the order is confirmed.") : QString();
    m_save->setToolTip(why);
    m_send->setToolTip(why);
    m_credit->setToolTip(
        billed ? tr("Adds the order's total to what %1 owes.")
                     .arg(order.customerName.isEmpty() ? tr("the customer") : order.customerName)
               : why);
}

void OrderBillBar::savePdf(const QString &path)
{
    m_bills.print(m_orders.tenantId(), m_orders.actor(), m_order.id, this,
                  [this, path](Result<BillService::Printed> r) {
                      if (!r) {
                          Q_EMIT message(r.error(), true);
                          return;
                      }
                      QSaveFile file(path);
                      if (!file.open(QIODevice::WriteOnly) || file.write(r->pdf) != r->pdf.size() ||
                          !file.commit()) {
                          Q_EMIT message(
                              tr("Could not save the bill to %1: %2").arg(path, file.errorString()),
                              true);
                          return;
                      }
                      Q_EMIT message(tr("Saved %1 as %2.").arg(r->bill.title(), path), false);
                  });
}

void OrderBillBar::send()
{
    m_bills.send(m_orders.tenantId(), m_orders.actor(), m_order.id, this, [this](Result<Bill> r) {
        Q_EMIT message(
            r ? tr("%1 is on its way to %2 on WhatsApp.").arg(r->title(), r->customerName)
              : r.error(),
            !r);
    });
}

void OrderBillBar::putOnCredit()
{
    m_accounts.putOrderOnCredit(
        m_orders.tenantId(), m_orders.actor(), m_order.id, this, [this](Result<LedgerEntry> r) {
            Q_EMIT message(
                r ? tr("%1 added to the customer's ledger.").arg(Money::format(r->amountMinor))
                  : r.error(),
                !r);
        });
}

} // namespace shopdesk
