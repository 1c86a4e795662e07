#pragma once

#include "domain/Operator.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace shopdesk {

class AuditLogModel;
class OperatorService;

// The audit log for owners and managers: who did what and when (sign-ins, takeovers, hand
// backs, sends, people, settings, imports, deletions, exports, erasures), filtered by person,
// kind, words and dates. Read-only: the console has no way to change a line.
class AuditLogPane : public QWidget
{
    Q_OBJECT
public:
    AuditLogPane(OperatorService &operators, QWidget *parent = nullptr);

    void setContext(qint64 tenantId, const Operator &signedIn);
    void reload();
    QTableView *table() const { return m_table; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *personFilter() const { return m_person; }
    QLineEdit *textFilter() const { return m_text; }
    AuditLogModel *model() const { return m_model; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadPeople();

    OperatorService &m_operators;
    AuditLogModel *m_model = nullptr;
    QComboBox *m_person = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_text = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    QTimer m_debounce;
    qint64 m_tenantId = 0;
    Operator m_actor;
};

} // namespace shopdesk
