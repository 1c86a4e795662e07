#pragma once

#include "domain/Customer.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace shopdesk {

// A customer's details as the shop knows them: name, nickname, address or landmark, labels and
// notes. For a new walk-in customer (no WhatsApp number) a name or nickname is needed.
class CustomerDialog : public QDialog
{
    Q_OBJECT
public:
    CustomerDialog(const CustomerProfile &profile, bool walkIn, QWidget *parent = nullptr);

    CustomerProfile profile() const;
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *nicknameEdit() const { return m_nickname; }
    QLineEdit *landmarkEdit() const { return m_landmark; }
    QLineEdit *labelsEdit() const { return m_labels; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateOk();

    bool m_walkIn;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_nickname = nullptr;
    QLineEdit *m_landmark = nullptr;
    QLineEdit *m_labels = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace shopdesk
