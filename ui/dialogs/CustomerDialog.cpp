#include "dialogs/CustomerDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

CustomerDialog::CustomerDialog(const CustomerProfile &profile, bool walkIn, QWidget *parent)
    : QDialog(parent)
    , m_walkIn(walkIn)
{
    setObjectName(QStringLiteral("customerDialog"));
    setWindowTitle(walkIn && profile.name.isEmpty() ? tr("Add a walk-in customer")
                                                    : tr("Customer details"));
    auto *layout = new QVBoxLayout(this);
    if (walkIn) {
        auto *hint = new QLabel(tr("A walk-in customer buys at the counter and has no WhatsApp "
                                   "number. Give a name or nickname so you can find them in "
                                   "the ledger."),
                                this);
        hint->setWordWrap(true);
        layout->addWidget(hint);
    }
    auto *form = new QFormLayout;
    const auto line = [this, form](const QString &label, const QString &value,
                                   const QString &placeholder) {
        auto *edit = new QLineEdit(value, this);
        edit->setPlaceholderText(placeholder);
        form->addRow(label, edit);
        return edit;
    };
    m_name = line(tr("Name"), profile.name, tr("Rahul Sharma"));
    m_nickname = line(tr("Nickname"), profile.nickname, tr("What you call them: Rahul bhaiya"));
    m_landmark =
        line(tr("Address or landmark"), profile.landmark, tr("Near Hanuman mandir, blue gate"));
    m_labels = line(tr("Labels"), profile.labels.join(QStringLiteral(", ")),
                    tr("regular, udhaar (separate with commas)"));
    m_notes = new QPlainTextEdit(profile.notes, this);
    m_notes->setPlaceholderText(tr("Pays on the 1st; prefers delivery after 6 pm"));
    m_notes->setMaximumHeight(90);
    form->addRow(tr("Notes"), m_notes);
    layout->addLayout(form);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CustomerDialog::updateOk);
    connect(m_nickname, &QLineEdit::textChanged, this, &CustomerDialog::updateOk);
    updateOk();
    resize(460, sizeHint().height());
}

void CustomerDialog::updateOk()
{
    const bool named =
        !m_name->text().trimmed().isEmpty() || !m_nickname->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!m_walkIn || named);
}

CustomerProfile CustomerDialog::profile() const
{
    CustomerProfile p;
    p.name = m_name->text().trimmed();
    p.nickname = m_nickname->text().trimmed();
    p.landmark = m_landmark->text().trimmed();
    p.notes = m_notes->toPlainText().trimmed();
    for (const QString &l : m_labels->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!l.trimmed().isEmpty())
            p.labels << l.trimmed();
    return p;
}

} // namespace shopdesk
