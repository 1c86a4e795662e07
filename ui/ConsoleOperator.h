#pragma once

#include "domain/Operator.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

class QMenu;
class QToolButton;
class QWidget;

namespace shopdesk {

class ConsoleSettings;
class IdleLock;
class OperatorService;
class SignInDialog;

// Who is signed in at this console, per store. The person last signed in is remembered
// (QSettings); somebody without a PIN is signed in again at once on the next start, somebody
// with one (everybody on a shared store) is asked. After the idle time in ConsoleSettings a
// person with a PIN or password is locked out until they (or somebody else) sign in again.
// Shown and changeable in the status bar: switch person, lock now.
class ConsoleOperator : public QObject
{
    Q_OBJECT
public:
    ConsoleOperator(OperatorService &operators, ConsoleSettings &settings, QWidget *window);

    QToolButton *statusButton() const { return m_button; }
    const Operator &current() const { return m_current; }
    bool isLocked() const { return m_locked; }
    void setStore(qint64 tenantId, const QString &slug);
    void ask(); // opens the question (not modal: the inbox stays usable until a lock)
    void lock();
    SignInDialog *dialog() const;
    IdleLock *idleLock() const { return m_idle; }
    void setIdleMinutes(int minutes);

Q_SIGNALS:
    void changed(const shopdesk::Operator &op); // id 0: nobody (locked, or not yet chosen)
    void lockedChanged(bool locked);

private:
    void choose(const Operator &op);
    void signInRemembered(const Operator &op);
    void showCurrent();

    OperatorService &m_operators;
    ConsoleSettings &m_settings;
    QPointer<QWidget> m_window;
    QToolButton *m_button = nullptr;
    QMenu *m_menu = nullptr;
    IdleLock *m_idle = nullptr;
    QPointer<SignInDialog> m_dialog;
    qint64 m_tenantId = 0;
    QString m_slug;
    Operator m_current;
    qint64 m_lastId = 0; // who was signed in before a lock, preselected to sign in again
    bool m_locked = false;
};

} // namespace shopdesk
