#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace shopdesk {

class Engine;

// The simulator's test phone: chat with your own store as a customer would. Messages go through
// the same webhook, inbox and outbox path as a real WhatsApp number.
class TestPhoneDialog : public QDialog
{
    Q_OBJECT
public:
    TestPhoneDialog(Engine &engine, qint64 channelId, QWidget *parent = nullptr);

    QLineEdit *messageEdit() const { return m_message; }
    QListWidget *transcript() const { return m_transcript; }
    void send();

private:
    void addLine(const QString &who, const QString &text, bool fromCustomer);

    Engine &m_engine;
    qint64 m_channelId;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_message = nullptr;
    QListWidget *m_transcript = nullptr;
};

} // namespace shopdesk
