#pragma once

#include "domain/Conversation.h"

#include <QWidget>

class QLabel;
class QListView;

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

private:
    void keepBottomIfAtBottom();
    void maybeFetchOlder(int scrollValue);

    MessageListModel &m_model;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_empty = nullptr;
    QListView *m_list = nullptr;
    MessageBubbleDelegate *m_delegate = nullptr;
    bool m_atBottom = true;
    int m_maxBeforeInsert = 0;
    bool m_insertingAtTop = false;
};

} // namespace shopdesk
