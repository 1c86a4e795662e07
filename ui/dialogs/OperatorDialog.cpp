#include "dialogs/OperatorDialog.h"

#include "access/OperatorService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

OperatorDialog::OperatorDialog(OperatorService &operators, qint64 tenantId, const QString &current,
                               QWidget *parent)
    : QDialog(parent)
    , m_service(operators)
    , m_tenantId(tenantId)
{
    setWindowTitle(tr("Who is using this console?"));
    setObjectName(QStringLiteral("operatorDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("What you do in the inbox (taking chats, replies, notes) is "
                                "recorded under your name."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_pick = new QComboBox(this);
    m_pick->setObjectName(QStringLiteral("operatorPick"));
    form->addRow(tr("I am"), m_pick);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("operatorName"));
    m_name->setPlaceholderText(tr("Your name, as customers and colleagues see it"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("operatorRole"));
    m_role->addItem(tr("Agent (answers chats)"), QStringLiteral("agent"));
    m_role->addItem(tr("Manager"), QStringLiteral("manager"));
    m_role->addItem(tr("Owner"), QStringLiteral("owner"));
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Role"), m_role);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("operatorError"));
    m_error->setStyleSheet(QStringLiteral("color:#b91c1c;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &OperatorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &OperatorDialog::reject);
    connect(m_pick, &QComboBox::currentIndexChanged, this, [this](int index) {
        const bool adding = m_pick->itemData(index).toLongLong() == 0;
        m_name->setEnabled(adding);
        m_role->setEnabled(adding);
    });
    load(current);
}

void OperatorDialog::load(const QString &current)
{
    m_service.operators(m_tenantId, this, [this, current](Result<QList<Operator>> r) {
        m_pick->clear();
        m_operators = r ? r.value() : QList<Operator>{};
        for (const Operator &op : std::as_const(m_operators))
            m_pick->addItem(QStringLiteral("%1 (%2)").arg(op.name, toText(op.role)), op.id);
        m_pick->addItem(tr("Someone new…"), qint64(0));
        const int at = m_pick->findText(current, Qt::MatchStartsWith);
        m_pick->setCurrentIndex(at >= 0 ? at : 0);
        if (!r) {
            m_error->setText(r.error());
            m_error->show();
        }
    });
}

void OperatorDialog::accept()
{
    const qint64 id = m_pick->currentData().toLongLong();
    for (const Operator &op : std::as_const(m_operators)) {
        if (op.id == id && id > 0) {
            m_chosen = op;
            QDialog::accept();
            return;
        }
    }
    Operator op;
    op.name = m_name->text().simplified();
    op.role = operatorRoleFromString(m_role->currentData().toString());
    if (op.name.isEmpty()) {
        m_error->setText(tr("Write your name."));
        m_error->show();
        return;
    }
    m_service.addOperator(m_tenantId, op, this, [this](Result<Operator> r) {
        if (!r) {
            m_error->setText(r.error());
            m_error->show();
            return;
        }
        m_chosen = r.value();
        QDialog::accept();
    });
}

} // namespace shopdesk
