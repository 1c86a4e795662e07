#pragma once

#include "domain/LedgerEntry.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace shopdesk {

// A payment received (cash, UPI or card) or goods given on credit, for one customer: the
// amount as people type it ("500", "₹1,200.50"), checked as they type, and a note.
class LedgerEntryDialog : public QDialog
{
    Q_OBJECT
public:
    LedgerEntryDialog(LedgerEntry::Kind kind, const QString &customerName,
                      QWidget *parent = nullptr);

    // The entry to record (contact not set).
    LedgerEntry entry() const;
    QLineEdit *amountEdit() const { return m_amount; }
    QComboBox *methodBox() const { return m_method; } // payments only
    QLineEdit *noteEdit() const { return m_note; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void check();

    LedgerEntry::Kind m_kind;
    QLineEdit *m_amount = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_note = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace shopdesk
