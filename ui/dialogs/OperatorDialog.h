#pragma once

#include "domain/Operator.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace shopdesk {

class OperatorService;

// "Who is using this console?": pick one of the store's operators, or add a new one with a
// name and a role. Everything done in the inbox is recorded under the person chosen here.
class OperatorDialog : public QDialog
{
    Q_OBJECT
public:
    OperatorDialog(OperatorService &operators, qint64 tenantId, const QString &current,
                   QWidget *parent = nullptr);

    Operator chosen() const { return m_chosen; }

private:
    void load(const QString &current);

public:
    void accept() override;

private:
    OperatorService &m_service;
    qint64 m_tenantId = 0;
    QList<Operator> m_operators;
    QComboBox *m_pick = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QLabel *m_error = nullptr;
    Operator m_chosen;
};

} // namespace shopdesk
