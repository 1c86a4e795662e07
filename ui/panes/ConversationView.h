#pragma once

#include "domain/Conversation.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;

namespace shopdesk {

class ChatComposer;
class ConversationHeader;
class MessageListModel;
class MessageBubbleDelegate;

// One conversation: its header (who answers, the window, the actions), the messages, and the
// composer. Double-clicking a received photo, voice note or document opens it.
class ConversationView : public QWidget
{
    Q_OBJECT
public:
    ConversationView(MessageListModel &model, QWidget *parent = nullptr);

    void showConversation(const ConversationSummary &summary, const QString &storeName = {});
    void clear();
    qint64 conversationId() const { return m_conversationId; }
    QListView *messageList() const { return m_list; }
    ConversationHeader *header() const { return m_header; }
    ChatComposer *chatComposer() const { return m_composer; }
    QLineEdit *composer() const;

Q_SIGNALS:
    void openMediaRequested(const QString &mediaRef, const QString &mime);

private:
    void keepBottomIfAtBottom();
    void maybeFetchOlder(int scrollValue);

    MessageListModel &m_model;
    ConversationHeader *m_header = nullptr;
    QLabel *m_empty = nullptr;
    QListView *m_list = nullptr;
    MessageBubbleDelegate *m_delegate = nullptr;
    ChatComposer *m_composer = nullptr;
    qint64 m_conversationId = 0;
    bool m_atBottom = true;
    int m_maxBeforeInsert = 0;
    bool m_insertingAtTop = false;
};

} // namespace shopdesk
