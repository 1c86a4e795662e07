#include "dialogs/LedgerEntryDialog.h"

#include "core/Money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

LedgerEntryDialog::LedgerEntryDialog(LedgerEntry::Kind kind, const QString &customerName,
                                     QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
{
    setObjectName(QStringLiteral("ledgerEntryDialog"));
    const bool payment = kind == LedgerEntry::Kind::Payment;
    setWindowTitle(payment ? tr("Record a payment from %1").arg(customerName)
                           : tr("Give %1 goods on credit").arg(customerName));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_amount = new QLineEdit(this);
    m_amount->setPlaceholderText(tr("500 or 499.50"));
    form->addRow(tr("Amount (₹)"), m_amount);
    if (payment) {
        m_method = new QComboBox(this);
        for (const auto m :
             {LedgerEntry::Method::Cash, LedgerEntry::Method::Upi, LedgerEntry::Method::Card})
            m_method->addItem(LedgerEntry::methodLabel(m), int(m));
        form->addRow(tr("Paid by"), m_method);
    }
    m_note = new QLineEdit(this);
    m_note->setPlaceholderText(payment ? tr("UPI ref 4821, or who brought it")
                                       : tr("What was given: 2 kg rice, 1 oil"));
    form->addRow(tr("Note"), m_note);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color:#a33;"));
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(payment ? tr("Record payment") : tr("Record credit"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_amount, &QLineEdit::textChanged, this, &LedgerEntryDialog::check);
    check();
    resize(420, sizeHint().height());
}

void LedgerEntryDialog::check()
{
    bool ok = false;
    const qint64 minor = Money::parse(m_amount->text(), &ok);
    const bool typed = !m_amount->text().trimmed().isEmpty();
    m_problem->setText(typed && (!ok || minor <= 0)
                           ? tr("Type the amount in rupees, like 500 or 499.50.")
                           : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok && minor > 0);
}

LedgerEntry LedgerEntryDialog::entry() const
{
    LedgerEntry e;
    e.kind = m_kind;
    bool ok = false;
    e.amountMinor = Money::parse(m_amount->text(), &ok);
    if (m_method)
        e.method = LedgerEntry::Method(m_method->currentData().toInt());
    e.note = m_note->text().trimmed();
    return e;
}

} // namespace shopdesk
