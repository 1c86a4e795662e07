#include "ConsoleOperator.h"

#include "ConsoleSettings.h"
#include "IdleLock.h"
#include "access/OperatorService.h"
#include "access/Permission.h"
#include "dialogs/SignInDialog.h"

#include <QMenu>
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
    m_button->setPopupMode(QToolButton::MenuButtonPopup);
    m_button->setToolTip(tr("Who is signed in; what you do is recorded under this name"));
    m_menu = new QMenu(m_button);
    m_menu->addAction(tr("Switch person…"), this, &ConsoleOperator::ask);
    QAction *lockNow = m_menu->addAction(tr("Lock the console"), this, &ConsoleOperator::lock);
    lockNow->setObjectName(QStringLiteral("lockNow"));
    lockNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lockNow->setShortcutContext(Qt::ApplicationShortcut);
    window->addAction(lockNow);
    m_button->setMenu(m_menu);
    connect(m_button, &QToolButton::clicked, this, &ConsoleOperator::ask);
    m_idle = new IdleLock(this);
    setIdleMinutes(settings.lockAfterMinutes());
    connect(m_idle, &IdleLock::idle, this, &ConsoleOperator::lock);
    showCurrent();
}

void ConsoleOperator::setIdleMinutes(int minutes)
{
    m_settings.setLockAfterMinutes(minutes);
    m_idle->setTimeout(minutes * 60 * 1000);
}

void ConsoleOperator::setStore(qint64 tenantId, const QString &slug)
{
    if (tenantId == m_tenantId && (m_current.id > 0 || m_locked || m_dialog))
        return; // the same store shown again: whoever is signed in stays
    m_tenantId = tenantId;
    m_slug = slug;
    m_current = Operator{};
    m_lastId = 0;
    m_idle->setArmed(false);
    showCurrent();
    Q_EMIT changed(m_current);
    const QString remembered = m_settings.operatorName(slug);
    m_operators.operators(tenantId, this, [this, tenantId, remembered](Result<QList<Operator>> r) {
        if (tenantId != m_tenantId)
            return;
        for (const Operator &op : r ? r.value() : QList<Operator>{}) {
            if (!remembered.isEmpty() && !op.disabled &&
                op.name.compare(remembered, Qt::CaseInsensitive) == 0) {
                signInRemembered(op);
                return;
            }
        }
        ask();
    });
}

void ConsoleOperator::signInRemembered(const Operator &op)
{
    m_lastId = op.id;
    const qint64 tenantId = m_tenantId;
    m_operators.signInNeeds(tenantId, op.id, this, [this, tenantId, op](Result<bool> needs) {
        if (tenantId != m_tenantId)
            return;
        if (!needs || needs.value()) {
            ask(); // a PIN to give, or a lock to explain: the dialog says which
            return;
        }
        m_operators.signIn(tenantId, op.id, QString(), this, [this, tenantId](Result<Operator> r) {
            if (tenantId != m_tenantId)
                return;
            if (r)
                choose(r.value());
            else
                ask();
        });
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
    m_dialog = new SignInDialog(m_operators, m_tenantId, m_current.id > 0 ? m_current.id : m_lastId,
                                m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setModal(m_locked);
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        if (dialog)
            choose(dialog->chosen());
    });
    m_dialog->show();
}

void ConsoleOperator::lock()
{
    if (m_current.id <= 0 || m_locked)
        return;
    m_lastId = m_current.id;
    m_current = Operator{};
    m_locked = true;
    m_idle->setArmed(false);
    showCurrent();
    Q_EMIT changed(m_current);
    Q_EMIT lockedChanged(true);
    if (m_dialog)
        m_dialog->close();
    ask();
}

SignInDialog *ConsoleOperator::dialog() const
{
    return m_dialog.data();
}

void ConsoleOperator::choose(const Operator &op)
{
    m_current = op;
    m_lastId = op.id;
    m_settings.setOperatorName(m_slug, op.name);
    m_idle->setArmed(op.hasSecret);
    showCurrent();
    Q_EMIT changed(op);
    if (m_locked) {
        m_locked = false;
        Q_EMIT lockedChanged(false);
    }
}

void ConsoleOperator::showCurrent()
{
    m_button->setText(m_current.id > 0
                          ? tr("%1 (%2)").arg(m_current.name, Permissions::roleName(m_current.role))
                      : m_locked ? tr("Locked: sign in")
                                 : tr("Who is using this console?"));
}

} // namespace shopdesk
