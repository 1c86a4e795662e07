#include "widgets/people/PeopleSection.h"

#include "access/OperatorService.h"
#include "access/Permission.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

QComboBox *roleBox(QWidget *parent, OperatorRole current)
{
    auto *box = new QComboBox(parent);
    for (const OperatorRole r : {OperatorRole::Agent, OperatorRole::Manager, OperatorRole::Owner})
        box->addItem(Permissions::roleName(r), int(r));
    box->setCurrentIndex(box->findData(int(current)));
    return box;
}

} // namespace

PeopleSection::PeopleSection(OperatorService &operators, QWidget *parent)
    : QGroupBox(tr("People"), parent)
    , m_operators(operators)
{
    setObjectName(QStringLiteral("peopleSection"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("peopleTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Role"), tr("Signs in with"), tr("Last signed in")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(160);
    layout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Add person…"), this);
    m_add->setObjectName(QStringLiteral("addPerson"));
    m_role = new QPushButton(tr("Change role…"), this);
    m_secret = new QPushButton(tr("Set PIN or password…"), this);
    m_secret->setObjectName(QStringLiteral("setSecret"));
    m_switch = new QPushButton(tr("Switch account off"), this);
    for (QPushButton *b : {m_add, m_role, m_secret, m_switch})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PeopleSection::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &PeopleSection::askNewPerson);
    connect(m_role, &QPushButton::clicked, this, &PeopleSection::askRole);
    connect(m_secret, &QPushButton::clicked, this, &PeopleSection::askSecret);
    connect(m_switch, &QPushButton::clicked, this, [this] {
        const Operator op = selected();
        if (op.id > 0)
            setDisabled(op.id, !op.disabled);
    });
    m_operators.sharedMode(this,
                           [this](Result<bool> shared) { m_shared = shared && shared.value(); });
    updateButtons();
}

void PeopleSection::setContext(qint64 tenantId, const Operator &signedIn)
{
    m_tenantId = tenantId;
    m_actor = signedIn;
    updateButtons();
    reload();
}

void PeopleSection::reload()
{
    if (m_tenantId <= 0)
        return;
    m_operators.operators(m_tenantId, this, [this](Result<QList<Operator>> r) {
        if (!r) {
            Q_EMIT message(r.error(), true);
            return;
        }
        m_people = r.value();
        m_table->setRowCount(int(m_people.size()));
        for (int row = 0; row < m_people.size(); ++row) {
            const Operator &op = m_people.at(row);
            const QString how = op.disabled    ? tr("(account switched off)")
                                : op.hasSecret ? tr("PIN or password")
                                : m_shared     ? tr("nothing yet: set a password")
                                               : tr("no PIN (picks their name)");
            const QStringList cells{
                op.name, Permissions::roleName(op.role), how,
                op.lastSignInAt.isValid()
                    ? QLocale().toString(op.lastSignInAt.toLocalTime(), QLocale::ShortFormat)
                    : tr("never")};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                item->setData(Qt::UserRole, op.id);
                if (op.disabled)
                    item->setForeground(Qt::gray);
                m_table->setItem(row, c, item);
            }
        }
        m_table->resizeColumnsToContents();
        updateButtons();
    });
}

qint64 PeopleSection::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0
                          : m_table->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
}

Operator PeopleSection::selected() const
{
    const qint64 id = selectedId();
    for (const Operator &op : m_people)
        if (op.id == id)
            return op;
    return {};
}

void PeopleSection::updateButtons()
{
    const bool owner =
        m_actor.id > 0 && Permissions::allows(m_actor.role, Permission::ManageOperators);
    const Operator op = selected();
    m_add->setEnabled(owner);
    m_role->setEnabled(owner && op.id > 0);
    m_switch->setEnabled(owner && op.id > 0 && op.id != m_actor.id);
    m_switch->setText(op.disabled ? tr("Switch account on") : tr("Switch account off"));
    // Everybody may change their own PIN; an owner anybody's.
    m_secret->setEnabled(op.id > 0 && (owner || op.id == m_actor.id));
    setToolTip(owner ? QString() : Permissions::refusal(Permission::ManageOperators));
}

void PeopleSection::done(const Status &status, const QString &success)
{
    Q_EMIT message(status ? success : status.error(), !status);
    reload();
}

void PeopleSection::addPerson(const QString &name, OperatorRole role, const QString &secret)
{
    Operator op;
    op.name = name;
    op.role = role;
    m_operators.addOperator(m_tenantId, m_actor.id, op, secret, this, [this](Result<Operator> r) {
        done(statusOf(r), r ? tr("%1 can now sign in.").arg(r.value().name) : QString());
    });
}

void PeopleSection::setRole(qint64 operatorId, OperatorRole role)
{
    m_operators.setRole(m_tenantId, m_actor.id, operatorId, role, this,
                        [this](Status s) { done(s, tr("Role changed.")); });
}

void PeopleSection::setSecret(qint64 operatorId, const QString &secret)
{
    m_operators.setSecret(
        m_tenantId, m_actor.id, operatorId, secret, this, [this, secret](Status s) {
            done(s, secret.isEmpty() ? tr("PIN removed.") : tr("PIN or password saved."));
        });
}

void PeopleSection::setDisabled(qint64 operatorId, bool disabled)
{
    m_operators.setDisabled(m_tenantId, m_actor.id, operatorId, disabled, this,
                            [this, disabled](Status s) {
                                done(s, disabled ? tr("The account is switched off.")
                                                 : tr("The account is switched on."));
                            });
}

void PeopleSection::askNewPerson()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add a person"));
    auto *form = new QFormLayout(&dialog);
    auto *name = new QLineEdit(&dialog);
    auto *role = roleBox(&dialog, OperatorRole::Agent);
    auto *secret = new QLineEdit(&dialog);
    secret->setEchoMode(QLineEdit::Password);
    secret->setPlaceholderText(m_shared ? tr("Required: 8 characters or more")
                                        : tr("Optional: 4 digits or more"));
    form->addRow(tr("Name"), name);
    form->addRow(tr("Role"), role);
    form->addRow(m_shared ? tr("Password") : tr("PIN"), secret);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        addPerson(name->text(), OperatorRole(role->currentData().toInt()), secret->text());
}

void PeopleSection::askRole()
{
    const Operator op = selected();
    if (op.id <= 0)
        return;
    QStringList names;
    for (const OperatorRole r : {OperatorRole::Agent, OperatorRole::Manager, OperatorRole::Owner})
        names << Permissions::roleName(r);
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(this, tr("Change role"), tr("%1's role").arg(op.name), names,
                              int(names.indexOf(Permissions::roleName(op.role))), false, &ok);
    if (ok)
        setRole(op.id, operatorRoleFromString(chosen.toLower()));
}

void PeopleSection::askSecret()
{
    const Operator op = selected();
    if (op.id <= 0)
        return;
    bool ok = false;
    const QString secret = QInputDialog::getText(
        this, tr("PIN or password"),
        m_shared ? tr("New password for %1 (8 characters or more):").arg(op.name)
                 : tr("New PIN for %1 (4 digits or more; empty removes it):").arg(op.name),
        QLineEdit::Password, QString(), &ok);
    if (ok)
        setSecret(op.id, secret);
}

} // namespace shopdesk
