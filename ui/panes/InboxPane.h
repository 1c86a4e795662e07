#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace shopdesk {

class ConversationListModel;
class ConversationView;
class MessageListModel;

// Conversations on the left, the open one on the right.
class InboxPane : public QWidget
{
    Q_OBJECT
public:
    InboxPane(ConversationListModel &conversations, MessageListModel &messages,
              QWidget *parent = nullptr);

    QListView *conversationList() const { return m_list; }
    ConversationView *conversationView() const { return m_view; }
    void openRow(int proxyRow);
    bool openConversation(qint64 conversationId); // false when it is not in the list

private:
    void onCurrentChanged();

    ConversationListModel &m_conversations;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    ConversationView *m_view = nullptr;
    qint64 m_openConversation = 0;
};

} // namespace shopdesk
