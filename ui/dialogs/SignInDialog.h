#pragma once

#include "domain/Operator.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace shopdesk {

class OperatorService;

// "Who is using this console?": pick yourself and, when your account has one (always on a
// shared store), give your PIN or password. A store nobody works in yet asks for the first
// person, who becomes its owner; everybody after that is added by an owner in Settings →
// People. Everything done in the console is recorded under the person signed in here.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(OperatorService &operators, qint64 tenantId, qint64 preselect,
                 QWidget *parent = nullptr);

    Operator chosen() const { return m_chosen; }
    void accept() override;

private:
    void load(qint64 preselect);
    void askWhatIsNeeded();
    void showError(const QString &text);
    void setBusy(bool busy);
    void addFirstPerson();

    OperatorService &m_service;
    qint64 m_tenantId = 0;
    bool m_shared = false;
    bool m_first = false; // nobody works in this store yet
    QList<Operator> m_operators;
    QComboBox *m_pick = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_ok = nullptr;
    Operator m_chosen;
};

} // namespace shopdesk
