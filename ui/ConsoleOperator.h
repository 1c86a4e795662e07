#pragma once

#include "domain/Operator.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

class QToolButton;
class QWidget;

namespace shopdesk {

class ConsoleSettings;
class OperatorDialog;
class OperatorService;

// Who is using this console, per store, until sign-in exists: remembered in QSettings, asked
// once ("Who is using this console?"), shown and changeable in the status bar.
class ConsoleOperator : public QObject
{
    Q_OBJECT
public:
    ConsoleOperator(OperatorService &operators, ConsoleSettings &settings, QWidget *window);

    QToolButton *statusButton() const { return m_button; }
    const Operator &current() const { return m_current; }
    void setStore(qint64 tenantId, const QString &slug);
    void ask(); // opens the question (not modal: the inbox stays usable)
    OperatorDialog *dialog() const;

Q_SIGNALS:
    void changed(const shopdesk::Operator &op);

private:
    void choose(const Operator &op);

    OperatorService &m_operators;
    ConsoleSettings &m_settings;
    QPointer<QWidget> m_window;
    QToolButton *m_button = nullptr;
    QPointer<OperatorDialog> m_dialog;
    qint64 m_tenantId = 0;
    QString m_slug;
    Operator m_current;
};

} // namespace shopdesk
