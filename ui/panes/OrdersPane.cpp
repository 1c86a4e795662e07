#include "panes/OrdersPane.h"

#include "OrderTableModel.h"
#include "ReminderTableModel.h"
#include "core/Money.h"
#include "widgets/OrderBillBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

OrdersPane::OrdersPane(OrderTableModel &orders, ReminderTableModel &reminders, BillService &bills,
                       AccountsService &accounts, QWidget *parent)
    : QWidget(parent)
    , m_orders(orders)
    , m_reminderModel(reminders)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 12, 12, 12);
    m_tabs = new QTabWidget(this);
    outer->addWidget(m_tabs);
    auto *ordersTab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(ordersTab);
    auto *top = new QHBoxLayout;
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("orderStatusFilter"));
    m_status->addItem(tr("All orders"), QString());
    for (const char *s : {"open", "confirmed", "delivered", "cancelled"})
        m_status->addItem(OrderTableModel::statusText(QString::fromLatin1(s)),
                          QString::fromLatin1(s));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("orderSearch"));
    m_search->setPlaceholderText(tr("Search by customer, item or order number"));
    m_search->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("ordersSummary"));
    top->addWidget(m_status);
    top->addWidget(m_search, 1);
    top->addWidget(m_summary);
    layout->addLayout(top);

    // Status first (exact), then the text search over every column.
    m_statusProxy = new QSortFilterProxyModel(this);
    m_statusProxy->setSourceModel(&m_orders);
    m_statusProxy->setFilterRole(OrderTableModel::StatusRole);
    m_statusProxy->setFilterKeyColumn(OrderTableModel::Status);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_statusProxy);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(OrderTableModel::SortRole);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("orderTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OrderTableModel::Placed, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(OrderTableModel::Items, QHeaderView::Stretch);
    m_table->setWordWrap(false);

    auto *details = new QWidget(split);
    auto *detailLayout = new QVBoxLayout(details);
    detailLayout->setContentsMargins(0, 8, 0, 0);
    m_detail = new QLabel(tr("Select an order to see its lines."), details);
    m_detail->setObjectName(QStringLiteral("orderDetail"));
    m_detail->setTextFormat(Qt::PlainText);
    detailLayout->addWidget(m_detail);
    m_lines = new QTableWidget(0, 4, details);
    m_lines->setObjectName(QStringLiteral("orderLines"));
    m_lines->setHorizontalHeaderLabels({tr("Item"), tr("Quantity"), tr("Price"), tr("Line total")});
    m_lines->verticalHeader()->hide();
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    detailLayout->addWidget(m_lines, 1);
    auto *buttons = new QHBoxLayout;
    m_delivered = new QPushButton(tr("Mark delivered"), details);
    m_delivered->setObjectName(QStringLiteral("markDelivered"));
    m_cancel = new QPushButton(tr("Cancel order"), details);
    m_cancel->setObjectName(QStringLiteral("cancelOrder"));
    m_chat = new QPushButton(tr("Open the chat"), details);
    buttons->addWidget(m_delivered);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_chat);
    detailLayout->addLayout(buttons);
    m_billBar = new OrderBillBar(orders, bills, accounts, details);
    detailLayout->addWidget(m_billBar);
    connect(m_billBar, &OrderBillBar::message, this, &OrdersPane::message);
    split->addWidget(m_table);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    m_tabs->addTab(ordersTab, tr("Orders"));

    auto *remindersTab = new QWidget(m_tabs);
    auto *remindersLayout = new QVBoxLayout(remindersTab);
    auto *remindersHint = new QLabel(tr("Reminders of what customers owe, scheduled by the bot. "
                                        "Inside the 24-hour window they go as a message, outside "
                                        "it as your approved template."),
                                     remindersTab);
    remindersHint->setWordWrap(true);
    remindersHint->setStyleSheet(QStringLiteral("color:#666;"));
    remindersLayout->addWidget(remindersHint);
    m_reminders = new QTableView(remindersTab);
    m_reminders->setObjectName(QStringLiteral("reminderTable"));
    m_reminders->setModel(&m_reminderModel);
    m_reminders->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reminders->setSelectionMode(QAbstractItemView::SingleSelection);
    m_reminders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reminders->verticalHeader()->hide();
    m_reminders->horizontalHeader()->setStretchLastSection(true);
    remindersLayout->addWidget(m_reminders, 1);
    auto *cancelReminder = new QPushButton(tr("Cancel reminder"), remindersTab);
    cancelReminder->setObjectName(QStringLiteral("cancelReminder"));
    auto *reminderButtons = new QHBoxLayout;
    reminderButtons->addWidget(cancelReminder);
    reminderButtons->addStretch(1);
    remindersLayout->addLayout(reminderButtons);
    m_tabs->addTab(remindersTab, tr("Payment reminders"));
    connect(cancelReminder, &QPushButton::clicked, this, [this] {
        if (m_reminders->currentIndex().isValid())
            m_reminderModel.cancel(m_reminders->currentIndex().row());
    });
    connect(&m_reminderModel, &ReminderTableModel::changeFailed, this,
            [this](const QString &text) { Q_EMIT message(text, true); });
    connect(&m_reminderModel, &QAbstractItemModel::modelReset, m_reminders,
            &QTableView::resizeColumnsToContents);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const QString status = m_status->currentData().toString();
        m_statusProxy->setFilterRegularExpression(
            status.isEmpty() ? QString() : QStringLiteral("^%1$").arg(status));
        updateSummary();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateSummary();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrdersPane::showSelected);
    connect(&m_orders, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(OrderTableModel::Items,
                                                          QHeaderView::Stretch);
        updateSummary();
        showSelected();
    });
    connect(&m_orders, &OrderTableModel::changeFailed, this,
            [this](const QString &text) { Q_EMIT message(text, true); });
    connect(m_delivered, &QPushButton::clicked, this,
            [this] { setSelectedStatus(QStringLiteral("delivered")); });
    connect(m_cancel, &QPushButton::clicked, this,
            [this] { setSelectedStatus(QStringLiteral("cancelled")); });
    connect(m_chat, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row >= 0)
            Q_EMIT openChat(m_orders.orderAt(row).conversationId);
    });
    updateSummary();
    showSelected();
}

QString OrdersPane::summaryText() const
{
    return m_summary->text();
}

void OrdersPane::updateSummary()
{
    int waiting = 0;
    qint64 confirmedMinor = 0;
    for (int r = 0; r < m_orders.rowCount(); ++r) {
        const Order o = m_orders.orderAt(r);
        waiting += o.status == QLatin1String("confirmed") ? 1 : 0;
        if (o.status == QLatin1String("confirmed") || o.status == QLatin1String("delivered"))
            confirmedMinor += o.totalMinor;
    }
    QString text = m_proxy->rowCount() == m_orders.rowCount()
                       ? tr("%n orders", nullptr, m_orders.rowCount())
                       : tr("%1 of %2 orders").arg(m_proxy->rowCount()).arg(m_orders.rowCount());
    text += tr(" · %n to deliver", nullptr, waiting);
    text += tr(" · %1 sold").arg(Money::format(confirmedMinor));
    m_summary->setText(text);
}

int OrdersPane::selectedRow() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return -1;
    return m_statusProxy->mapToSource(m_proxy->mapToSource(current)).row();
}

void OrdersPane::selectOrder(qint64 orderId)
{
    const int row = m_orders.rowOfOrder(orderId);
    if (row < 0)
        return;
    const QModelIndex at =
        m_proxy->mapFromSource(m_statusProxy->mapFromSource(m_orders.index(row, 0)));
    if (at.isValid()) {
        m_table->setCurrentIndex(at);
        m_table->scrollTo(at);
    }
}

void OrdersPane::setSelectedStatus(const QString &status)
{
    const int row = selectedRow();
    if (row >= 0)
        m_orders.setStatus(row, status);
}

void OrdersPane::showSelected()
{
    const int row = selectedRow();
    m_lines->setRowCount(0);
    m_delivered->setEnabled(false);
    m_cancel->setEnabled(false);
    m_chat->setEnabled(false);
    m_billBar->setOrder(row < 0 ? Order{} : m_orders.orderAt(row));
    if (row < 0) {
        m_detail->setText(tr("Select an order to see its lines."));
        return;
    }
    const Order o = m_orders.orderAt(row);
    const QString customer = o.customerName.isEmpty()
                                 ? QStringLiteral("+%1").arg(o.customerPhone)
                                 : QStringLiteral("%1 (+%2)").arg(o.customerName, o.customerPhone);
    m_detail->setText(tr("Order #%1%2 · %3 · %4 · total %5")
                          .arg(o.id)
                          .arg(o.billNumber > 0 ? tr(" · bill %1").arg(o.billNumber) : QString(),
                               customer, OrderTableModel::statusText(o.status),
                               Money::format(o.totalMinor)));
    m_lines->setRowCount(int(o.lines.size()));
    for (int i = 0; i < o.lines.size(); ++i) {
        const OrderLine &l = o.lines.at(i);
        const QStringList cells{OrderTableModel::lineName(l), QString::number(l.quantity, 'g', 6),
                                Money::format(l.unitPriceMinor), Money::format(l.lineTotalMinor)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_lines->setItem(i, c, item);
        }
    }
    const bool open = o.status == QLatin1String("open") || o.status == QLatin1String("confirmed");
    m_delivered->setEnabled(o.status == QLatin1String("confirmed"));
    m_cancel->setEnabled(open);
    m_chat->setEnabled(o.conversationId > 0);
}

} // namespace shopdesk
