#pragma once

#include "core/Result.h"
#include "domain/Operator.h"

#include <QGroupBox>

class QPushButton;
class QTableWidget;

namespace shopdesk {

class OperatorService;

// Settings → People, for the store's owner: who works in the console, their role (owner,
// manager, agent), whether they sign in with a PIN or password, when they last did, and
// switching an account off. Everybody else sees the list and may change their own PIN.
class PeopleSection : public QGroupBox
{
    Q_OBJECT
public:
    PeopleSection(OperatorService &operators, QWidget *parent = nullptr);

    void setContext(qint64 tenantId, const Operator &signedIn);
    void reload();
    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    // The same steps as the buttons, without their dialogs (tests, and the dialogs call them).
    void addPerson(const QString &name, OperatorRole role, const QString &secret);
    void setRole(qint64 operatorId, OperatorRole role);
    void setSecret(qint64 operatorId, const QString &secret);
    void setDisabled(qint64 operatorId, bool disabled);

Q_SIGNALS:
    void message(const QString &text, bool isError);

private:
    qint64 selectedId() const;
    Operator selected() const;
    void updateButtons();
    void askNewPerson();
    void askRole();
    void askSecret();
    void done(const Status &status, const QString &success);

    OperatorService &m_operators;
    qint64 m_tenantId = 0;
    Operator m_actor;
    bool m_shared = false;
    QList<Operator> m_people;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_role = nullptr;
    QPushButton *m_secret = nullptr;
    QPushButton *m_switch = nullptr;
};

} // namespace shopdesk
