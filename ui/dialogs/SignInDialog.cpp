#include "dialogs/SignInDialog.h"

#include "access/OperatorService.h"
#include "access/Permission.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

SignInDialog::SignInDialog(OperatorService &operators, qint64 tenantId, qint64 preselect,
                           QWidget *parent)
    : QDialog(parent)
    , m_service(operators)
    , m_tenantId(tenantId)
{
    setWindowTitle(tr("Who is using this console?"));
    setObjectName(QStringLiteral("signInDialog"));
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("What you do in the console (taking chats, replies, edits) is "
                                "recorded under your name."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_pick = new QComboBox(this);
    m_pick->setObjectName(QStringLiteral("operatorPick"));
    form->addRow(tr("I am"), m_pick);
    m_nameLabel = new QLabel(tr("Your name"), this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("operatorName"));
    m_name->setPlaceholderText(tr("As customers and colleagues see it"));
    form->addRow(m_nameLabel, m_name);
    m_secretLabel = new QLabel(tr("PIN or password"), this);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("operatorSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    form->addRow(m_secretLabel, m_secret);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("operatorError"));
    m_error->setStyleSheet(QStringLiteral("color:#b91c1c;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Sign in"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_pick, &QComboBox::currentIndexChanged, this, &SignInDialog::askWhatIsNeeded);
    m_nameLabel->hide();
    m_name->hide();
    m_secretLabel->hide();
    m_secret->hide();
    setBusy(true);
    m_service.sharedMode(this, [this, preselect](Result<bool> shared) {
        m_shared = shared && shared.value();
        load(preselect);
    });
}

void SignInDialog::load(qint64 preselect)
{
    m_service.operators(m_tenantId, this, [this, preselect](Result<QList<Operator>> r) {
        setBusy(false);
        m_pick->blockSignals(true);
        m_pick->clear();
        m_operators.clear();
        for (const Operator &op : r ? r.value() : QList<Operator>{}) {
            if (op.disabled)
                continue;
            m_operators.append(op);
            m_pick->addItem(QStringLiteral("%1 (%2)").arg(op.name, Permissions::roleName(op.role)),
                            op.id);
        }
        m_first = r && r.value().isEmpty();
        if (m_first) {
            m_pick->addItem(tr("The store's owner (you)"), qint64(0));
            m_nameLabel->show();
            m_name->show();
            m_secretLabel->setText(m_shared ? tr("Password") : tr("PIN (optional)"));
            m_secretLabel->show();
            m_secret->show();
        }
        const int at = m_pick->findData(preselect);
        m_pick->setCurrentIndex(at >= 0 ? at : 0);
        m_pick->blockSignals(false);
        if (!r)
            showError(r.error());
        else if (!m_first)
            askWhatIsNeeded();
    });
}

void SignInDialog::askWhatIsNeeded()
{
    const qint64 id = m_pick->currentData().toLongLong();
    if (id <= 0)
        return;
    m_error->hide();
    m_service.signInNeeds(m_tenantId, id, this, [this, id](Result<bool> needs) {
        if (m_pick->currentData().toLongLong() != id)
            return;
        if (!needs) {
            showError(needs.error());
            return;
        }
        m_secretLabel->setText(m_shared ? tr("Password") : tr("PIN or password"));
        m_secretLabel->setVisible(needs.value());
        m_secret->setVisible(needs.value());
        m_secret->clear();
        if (needs.value())
            m_secret->setFocus();
    });
}

void SignInDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void SignInDialog::setBusy(bool busy)
{
    m_ok->setEnabled(!busy);
    m_pick->setEnabled(!busy);
    m_ok->setText(busy ? tr("Checking…") : tr("Sign in"));
}

void SignInDialog::addFirstPerson()
{
    Operator op;
    op.name = m_name->text().simplified();
    op.role = OperatorRole::Owner;
    if (op.name.isEmpty()) {
        showError(tr("Write your name."));
        return;
    }
    setBusy(true);
    m_service.addOperator(m_tenantId, 0, op, m_secret->text(), this,
                          [this](Result<Operator> added) {
                              if (!added) {
                                  setBusy(false);
                                  showError(added.error());
                                  return;
                              }
                              m_first = false;
                              m_operators = {added.value()};
                              m_service.signIn(m_tenantId, added.value().id, m_secret->text(), this,
                                               [this](Result<Operator> r) {
                                                   setBusy(false);
                                                   if (!r) {
                                                       showError(r.error());
                                                       return;
                                                   }
                                                   m_chosen = r.value();
                                                   QDialog::accept();
                                               });
                          });
}

void SignInDialog::accept()
{
    if (m_first) {
        addFirstPerson();
        return;
    }
    const qint64 id = m_pick->currentData().toLongLong();
    if (id <= 0)
        return;
    setBusy(true);
    m_error->hide();
    m_service.signIn(m_tenantId, id, m_secret->text(), this, [this](Result<Operator> r) {
        setBusy(false);
        if (!r) {
            showError(r.error());
            m_secret->selectAll();
            m_secret->setFocus();
            return;
        }
        m_chosen = r.value();
        m_secret->clear();
        QDialog::accept();
    });
}

} // namespace shopdesk
