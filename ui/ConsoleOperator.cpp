#include "ConsoleOperator.h"

#include "ConsoleSettings.h"
#include "access/OperatorService.h"
#include "dialogs/OperatorDialog.h"

#include <QToolButton>

namespace shopdesk {

ConsoleOperator::ConsoleOperator(OperatorService &operators, ConsoleSettings &settings,
                                 QWidget *window)
    : QObject(window)
    , m_operators(operators)
    , m_settings(settings)
    , m_window(window)
{
    m_button = new QToolButton(window);
    m_button->setObjectName(QStringLiteral("operatorButton"));
    m_button->setAutoRaise(true);
    m_button->setText(tr("Who is using this console?"));
    m_button->setToolTip(tr("Choose who you are; what you do in the inbox is recorded under "
                            "this name"));
    connect(m_button, &QToolButton::clicked, this, &ConsoleOperator::ask);
}

void ConsoleOperator::setStore(qint64 tenantId, const QString &slug)
{
    m_tenantId = tenantId;
    m_slug = slug;
    m_current = Operator{};
    m_button->setText(tr("Who is using this console?"));
    Q_EMIT changed(m_current);
    const QString remembered = m_settings.operatorName(slug);
    m_operators.operators(tenantId, this, [this, tenantId, remembered](Result<QList<Operator>> r) {
        if (tenantId != m_tenantId)
            return;
        for (const Operator &op : r ? r.value() : QList<Operator>{}) {
            if (!remembered.isEmpty() && op.name.compare(remembered, Qt::CaseInsensitive) == 0) {
                choose(op);
                return;
            }
        }
        ask(); // asked once per store: the answer is remembered
    });
}

void ConsoleOperator::ask()
{
    if (m_tenantId == 0)
        return;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new OperatorDialog(m_operators, m_tenantId, m_current.name, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setModal(false);
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        if (dialog)
            choose(dialog->chosen());
    });
    m_dialog->show();
}

OperatorDialog *ConsoleOperator::dialog() const
{
    return m_dialog.data();
}

void ConsoleOperator::choose(const Operator &op)
{
    m_current = op;
    m_settings.setOperatorName(m_slug, op.name);
    m_button->setText(tr("%1 (%2)").arg(op.name, toText(op.role)));
    Q_EMIT changed(op);
}

} // namespace shopdesk
