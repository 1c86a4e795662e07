#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace shopdesk {

class ConversationListModel;
class ConversationView;
class MessageListModel;
class TraceListModel;
class TracePanel;

// Conversations on the left, the open one in the middle, and beside it what the bot did with
// each of the customer's messages.
class InboxPane : public QWidget
{
    Q_OBJECT
public:
    InboxPane(ConversationListModel &conversations, MessageListModel &messages,
              TraceListModel &traces, QWidget *parent = nullptr);

    QListView *conversationList() const { return m_list; }
    ConversationView *conversationView() const { return m_view; }
    TracePanel *tracePanel() const { return m_tracePanel; }
    void openRow(int proxyRow);
    bool openConversation(qint64 conversationId); // false when it is not in the list

private:
    void onCurrentChanged();

    ConversationListModel &m_conversations;
    TraceListModel &m_traces;
    TracePanel *m_tracePanel = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    ConversationView *m_view = nullptr;
    qint64 m_openConversation = 0;
};

} // namespace shopdesk
