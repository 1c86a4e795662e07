#pragma once

#include "domain/Conversation.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace shopdesk {

class MessageListModel;
class MessageBubbleDelegate;

// One conversation: who it is, who answers it, the 24-hour window, and the messages.
class ConversationView : public QWidget
{
    Q_OBJECT
public:
    ConversationView(MessageListModel &model, QWidget *parent = nullptr);

    void showConversation(const ConversationSummary &summary);
    void clear();
    QListView *messageList() const { return m_list; }
    static QString windowText(const Conversation &c, const QDateTime &now);
    QLineEdit *composer() const { return m_composer; }
    // The console's answer to a send: clears the box, or puts the text back with the reason.
    void sendFinished(bool ok, const QString &text);

Q_SIGNALS:
    // A person at the console writes to the customer.
    void sendRequested(qint64 tenantId, qint64 conversationId, const QString &text);

private:
    void keepBottomIfAtBottom();
    void submit();
    void maybeFetchOlder(int scrollValue);

    MessageListModel &m_model;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_empty = nullptr;
    QListView *m_list = nullptr;
    MessageBubbleDelegate *m_delegate = nullptr;
    QWidget *m_composerBar = nullptr;
    QLineEdit *m_composer = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_composerNote = nullptr;
    qint64 m_tenantId = 0;
    qint64 m_conversationId = 0;
    bool m_atBottom = true;
    int m_maxBeforeInsert = 0;
    bool m_insertingAtTop = false;
};

} // namespace shopdesk
