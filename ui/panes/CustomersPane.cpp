#include "panes/CustomersPane.h"

#include "CustomerTableModel.h"
#include "LedgerTableModel.h"
#include "accounts/AccountsService.h"
#include "core/Money.h"
#include "dialogs/CustomerDialog.h"
#include "dialogs/LedgerEntryDialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace shopdesk {

namespace {

QTableView *newTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->setWordWrap(false);
    return t;
}

} // namespace

CustomersPane::CustomersPane(CustomerTableModel &customers, LedgerTableModel &ledger,
                             QWidget *parent)
    : QWidget(parent)
    , m_customers(customers)
    , m_ledger(ledger)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    auto *top = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setPlaceholderText(tr("Search by name, nickname, landmark, number, label or note"));
    m_search->setClearButtonEnabled(true);
    m_addWalkIn = new QPushButton(tr("Add walk-in customer\u2026"), this);
    m_addWalkIn->setObjectName(QStringLiteral("addWalkIn"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("customersSummary"));
    top->addWidget(m_search, 1);
    top->addWidget(m_summary);
    top->addWidget(m_addWalkIn);
    layout->addLayout(top);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_customers);
    m_proxy->setSortRole(CustomerTableModel::SortRole);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_table = newTable(split, QStringLiteral("customerTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CustomerTableModel::Name, Qt::AscendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    split->addWidget(m_table);
    split->addWidget(buildDetails(split));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this,
            [this] { m_customers.setSearch(m_search->text()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CustomersPane::showSelected);
    connect(&m_customers, &CustomerTableModel::loaded, this, [this] {
        m_table->resizeColumnsToContents();
        m_table->setColumnWidth(CustomerTableModel::Landmark,
                                std::min(m_table->columnWidth(CustomerTableModel::Landmark), 220));
        updateSummary();
        const qint64 keep = m_wanted > 0 ? m_wanted : m_ledger.contactId();
        const int row = m_customers.rowOfCustomer(keep);
        if (row >= 0) {
            m_wanted = 0;
            m_table->setCurrentIndex(m_proxy->mapFromSource(m_customers.index(row, 0)));
        }
        showSelected();
    });
    connect(&m_ledger, &LedgerTableModel::loaded, this, [this] {
        const qint64 b = m_ledger.balanceMinor();
        m_balance->setText(b > 0   ? tr("Owes %1").arg(Money::format(b))
                           : b < 0 ? tr("Paid %1 in advance").arg(Money::format(-b))
                                   : tr("Owes nothing"));
        m_ledgerView->resizeColumnsToContents();
        m_ledgerView->horizontalHeader()->setSectionResizeMode(LedgerTableModel::Note,
                                                               QHeaderView::Stretch);
        m_ledgerView->scrollToBottom();
        updateButtons();
    });
    connect(&m_ledger, &LedgerTableModel::loadFailed, this,
            [this](const QString &error) { Q_EMIT message(error, true); });
    connect(m_addWalkIn, &QPushButton::clicked, this, &CustomersPane::addWalkIn);
    connect(m_edit, &QPushButton::clicked, this, &CustomersPane::editSelected);
    connect(m_pay, &QPushButton::clicked, this, [this] { recordEntry(true); });
    connect(m_credit, &QPushButton::clicked, this, [this] { recordEntry(false); });
    connect(m_reverse, &QPushButton::clicked, this, &CustomersPane::reverseSelectedEntry);
    connect(m_chat, &QPushButton::clicked, this, [this] {
        const Customer c = selectedCustomer();
        if (c.conversationId > 0)
            Q_EMIT openChat(c.conversationId);
    });
    showSelected();
}

QWidget *CustomersPane::buildDetails(QWidget *parent)
{
    auto *details = new QWidget(parent);
    auto *d = new QVBoxLayout(details);
    d->setContentsMargins(12, 0, 0, 0);
    m_name = new QLabel(details);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setStyleSheet(QStringLiteral("font-size:14pt; font-weight:600;"));
    m_detail = new QLabel(details);
    m_detail->setObjectName(QStringLiteral("customerDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_notes = new QLabel(details);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->setStyleSheet(QStringLiteral("color:#555; font-style:italic;"));
    auto *actions = new QHBoxLayout;
    m_edit = new QPushButton(tr("Edit details\u2026"), details);
    m_edit->setObjectName(QStringLiteral("editCustomer"));
    m_chat = new QPushButton(tr("Open the chat"), details);
    m_chat->setObjectName(QStringLiteral("customerChat"));
    actions->addWidget(m_edit);
    actions->addWidget(m_chat);
    actions->addStretch(1);
    m_balance = new QLabel(details);
    m_balance->setObjectName(QStringLiteral("ledgerBalance"));
    m_balance->setStyleSheet(QStringLiteral("font-size:12pt; font-weight:600;"));
    auto *ledgerTitle = new QLabel(tr("Ledger (udhaar)"), details);
    ledgerTitle->setStyleSheet(QStringLiteral("font-weight:600; margin-top:10px;"));
    auto *ledgerHead = new QHBoxLayout;
    ledgerHead->addWidget(ledgerTitle);
    ledgerHead->addStretch(1);
    ledgerHead->addWidget(m_balance);
    m_ledgerView = newTable(details, QStringLiteral("ledgerTable"));
    m_ledgerView->setModel(&m_ledger);
    m_ledgerView->horizontalHeader()->setSectionResizeMode(LedgerTableModel::Note,
                                                           QHeaderView::Stretch);
    connect(m_ledgerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CustomersPane::updateButtons);
    auto *book = new QHBoxLayout;
    m_pay = new QPushButton(tr("Record payment\u2026"), details);
    m_pay->setObjectName(QStringLiteral("recordPayment"));
    m_credit = new QPushButton(tr("Give on credit\u2026"), details);
    m_credit->setObjectName(QStringLiteral("recordCredit"));
    m_reverse = new QPushButton(tr("Reverse entry\u2026"), details);
    m_reverse->setObjectName(QStringLiteral("reverseEntry"));
    book->addWidget(m_pay);
    book->addWidget(m_credit);
    book->addStretch(1);
    book->addWidget(m_reverse);
    d->addWidget(m_name);
    d->addWidget(m_detail);
    d->addWidget(m_notes);
    d->addLayout(actions);
    d->addLayout(ledgerHead);
    d->addWidget(m_ledgerView, 1);
    d->addLayout(book);
    return details;
}

void CustomersPane::setCanKeepAccounts(bool may)
{
    m_canKeepAccounts = may;
    const QString why = may ? QString() : tr("Only a manager or the owner can write the ledger.");
    m_pay->setToolTip(why);
    m_credit->setToolTip(why);
    m_reverse->setToolTip(may ? tr("Entries are never edited: a mistake is undone by an entry "
                                   "of the opposite kind, and both stay in the book.")
                              : why);
    updateButtons();
}

Customer CustomersPane::selectedCustomer() const
{
    const QModelIndex at = m_proxy->mapToSource(m_table->currentIndex());
    return at.isValid() ? m_customers.customerAt(at.row()) : Customer{};
}

void CustomersPane::selectCustomer(qint64 contactId)
{
    const int row = m_customers.rowOfCustomer(contactId);
    if (row < 0) {
        m_wanted = contactId; // once the list has them
        return;
    }
    m_table->setCurrentIndex(m_proxy->mapFromSource(m_customers.index(row, 0)));
}

void CustomersPane::showSelected()
{
    const Customer c = selectedCustomer();
    if (c.contactId == 0) {
        m_name->setText(tr("No customer selected"));
        m_detail->setText(m_customers.rowCount() == 0
                              ? tr("Customers appear here when they write on WhatsApp; add "
                                   "people who buy at the counter as walk-in customers.")
                              : tr("Select a customer to see their details and ledger."));
        m_notes->clear();
        if (m_ledger.contactId() != 0)
            m_ledger.setCustomer(m_customers.tenantId(), 0);
        updateButtons();
        return;
    }
    m_name->setText(c.displayName());
    QStringList parts;
    if (!c.profile.nickname.isEmpty())
        parts << tr("\u201c%1\u201d").arg(c.profile.nickname);
    if (!c.profile.landmark.isEmpty())
        parts << c.profile.landmark;
    parts << (c.walkIn ? tr("walk-in, no WhatsApp") : QStringLiteral("+") + c.phone);
    if (!c.profile.labels.isEmpty())
        parts << tr("labels: %1").arg(c.profile.labels.join(QStringLiteral(", ")));
    if (c.optedOut)
        parts << tr("said STOP: gets no reminders");
    m_detail->setText(parts.join(QStringLiteral(" \u00b7 ")));
    m_notes->setText(c.profile.notes);
    m_notes->setVisible(!c.profile.notes.isEmpty());
    if (m_ledger.contactId() != c.contactId)
        m_ledger.setCustomer(m_customers.tenantId(), c.contactId);
    updateButtons();
}

void CustomersPane::updateButtons()
{
    const Customer c = selectedCustomer();
    const bool chosen = c.contactId > 0;
    m_edit->setEnabled(chosen);
    m_chat->setEnabled(chosen && c.conversationId > 0);
    m_pay->setEnabled(chosen && m_canKeepAccounts);
    m_credit->setEnabled(chosen && m_canKeepAccounts);
    const QModelIndex at = m_ledgerView->currentIndex();
    const LedgerEntry e = at.isValid() ? m_ledger.entryAt(at.row()) : LedgerEntry{};
    m_reverse->setEnabled(chosen && m_canKeepAccounts && e.id > 0 && e.reversesId == 0 &&
                          e.reversedById == 0);
    m_balance->setVisible(chosen);
}

void CustomersPane::updateSummary()
{
    qint64 owed = 0;
    int owing = 0;
    for (int i = 0; i < m_customers.rowCount(); ++i) {
        const qint64 b = m_customers.customerAt(i).balanceMinor;
        if (b > 0) {
            owed += b;
            ++owing;
        }
    }
    const int n = m_customers.rowCount();
    QString text = n == 1 ? tr("1 customer") : tr("%1 customers").arg(n);
    if (owing > 0)
        text += tr(" \u00b7 %1 owed by %2").arg(Money::format(owed)).arg(owing);
    m_summary->setText(text);
}

void CustomersPane::saved(const QString &what, const QString &error)
{
    if (error.isEmpty())
        Q_EMIT message(what, false);
    else
        Q_EMIT message(error, true);
}

void CustomersPane::addWalkIn()
{
    auto *dialog = new CustomerDialog({}, true, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const CustomerProfile p = dialog->profile();
        m_customers.accounts().addWalkIn(
            m_customers.tenantId(), m_customers.actor(), p, this, [this](Result<Customer> r) {
                if (r)
                    selectCustomer(r->contactId);
                saved(r ? tr("Added %1.").arg(r->displayName()) : QString(),
                      r ? QString() : r.error());
            });
    });
    dialog->open();
}

void CustomersPane::editSelected()
{
    const Customer c = selectedCustomer();
    if (c.contactId == 0)
        return;
    auto *dialog = new CustomerDialog(c.profile, c.walkIn, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, c] {
        m_customers.accounts().saveProfile(
            m_customers.tenantId(), m_customers.actor(), c.contactId, dialog->profile(), this,
            [this](Result<Customer> r) {
                saved(r ? tr("Saved %1's details.").arg(r->displayName()) : QString(),
                      r ? QString() : r.error());
            });
    });
    dialog->open();
}

void CustomersPane::recordEntry(bool payment)
{
    const Customer c = selectedCustomer();
    if (c.contactId == 0)
        return;
    auto *dialog = new LedgerEntryDialog(
        payment ? LedgerEntry::Kind::Payment : LedgerEntry::Kind::Credit, c.displayName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, c] {
        LedgerEntry e = dialog->entry();
        e.contactId = c.contactId;
        m_customers.accounts().record(
            m_customers.tenantId(), m_customers.actor(), e, this, [this](Result<LedgerEntry> r) {
                saved(r ? tr("Recorded %1 %2.")
                              .arg(r->kind == LedgerEntry::Kind::Payment ? tr("a payment of")
                                                                         : tr("credit of"),
                                   Money::format(r->amountMinor))
                        : QString(),
                      r ? QString() : r.error());
            });
    });
    dialog->open();
}

void CustomersPane::reverseSelectedEntry()
{
    const QModelIndex at = m_ledgerView->currentIndex();
    if (!at.isValid())
        return;
    const LedgerEntry e = m_ledger.entryAt(at.row());
    auto *ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("reverseReason"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowTitle(tr("Reverse entry #%1").arg(e.id));
    ask->setLabelText(tr("%1 of %2 will be undone by an entry of the opposite kind; both stay "
                         "in the book. Why?")
                          .arg(LedgerTableModel::entryText(e), Money::format(e.amountMinor)));
    ask->setOkButtonText(tr("Reverse it"));
    connect(ask, &QInputDialog::textValueSelected, this, [this, e](const QString &why) {
        m_customers.accounts().reverse(
            m_customers.tenantId(), m_customers.actor(), e.id, why, this,
            [this, e](Result<LedgerEntry> r) {
                saved(r ? tr("Entry #%1 reversed by #%2.").arg(e.id).arg(r->id) : QString(),
                      r ? QString() : r.error());
            });
    });
    ask->open();
}

} // namespace shopdesk
