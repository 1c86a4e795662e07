#pragma once

#include "owner/OwnerContext.h"

#include <QFrame>

class QLabel;
class QLineEdit;

namespace shopdesk {

class OwnerCommandService;

// The owner's command bar (Ctrl+K): one line for "Rahul ka balance", "Rahul ne 500 diye",
// "Rahul ko 2 kg chawal udhaar", "atta ka stock", "aaj ki sale", "Sunita ko kal yaad dilana",
// the same commands as from the owner's WhatsApp number. The answers stay above the line;
// writes are read back first and done on "haan"; the customer last talked about is kept.
class CommandBar : public QFrame
{
    Q_OBJECT
public:
    explicit CommandBar(OwnerCommandService &commands, QWidget *parent = nullptr);

    void setStore(qint64 tenantId, qint64 actorId); // a new store or person: a fresh context
    void open();                                    // shows it with the cursor in the line
    void send();                                    // the line as a command
    QLineEdit *line() const { return m_line; }
    QLabel *transcript() const { return m_transcript; }
    bool busy() const { return m_busy; }

Q_SIGNALS:
    void answered(const QString &reply);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void append(const QString &who, const QString &text);

    OwnerCommandService &m_commands;
    qint64 m_tenantId = 0;
    qint64 m_actorId = 0;
    OwnerContext m_context;
    QStringList m_lines;
    bool m_busy = false;
    QLabel *m_transcript = nullptr;
    QLineEdit *m_line = nullptr;
};

} // namespace shopdesk
