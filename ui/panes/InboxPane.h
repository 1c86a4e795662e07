#pragma once

#include "ConversationFilterModel.h"
#include "conversation/InboxSettings.h"
#include "domain/Operator.h"
#include "messaging/OutboundDraft.h"

#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLineEdit;
class QListView;
class QPushButton;

namespace shopdesk {

class ConversationItemDelegate;
class ConversationListModel;
class ChatDesk;
class ConversationView;
class MessageListModel;
class TraceListModel;
class TracePanel;

// The operator's inbox: the chats on the left in views (Needs a person, longest wait first;
// Mine; Bot; All open; Closed) with their counts, a label filter and a search over names and
// message text; the open chat in the middle with its actions; beside it what the bot did with
// each of the customer's messages. Every action goes through the ChatDesk (this computer's
// engine, or a serve node for a remote console) as the person signed in.
class InboxPane : public QWidget
{
    Q_OBJECT
public:
    InboxPane(ConversationListModel &conversations, MessageListModel &messages,
              TraceListModel &traces, ChatDesk &desk, QWidget *parent = nullptr);

    QListView *conversationList() const { return m_list; }
    ConversationView *conversationView() const { return m_view; }
    TracePanel *tracePanel() const { return m_tracePanel; }
    ConversationFilterModel *filter() const { return m_proxy; }
    QPushButton *viewButton(ConversationFilterModel::View view) const;
    QComboBox *labelFilter() const { return m_labelFilter; }
    void setView(ConversationFilterModel::View view);
    void openRow(int proxyRow);
    bool openConversation(qint64 conversationId); // false when it is not in the list
    qint64 openConversationId() const { return m_openConversation; }

    void setTenant(qint64 tenantId);
    void setOperator(const Operator &op);

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void operatorNeeded(); // an action needs to know who is at the console
    void settingsLoaded(); // the store's labels and quick replies are in place

private:
    void buildList(QWidget *left);
    void connectActions();
    void connectComposer();
    void loadSettings();
    void onCurrentChanged();
    void updateCounts();
    void runSearch();
    bool haveOperator();
    void reportChange(const QString &what, const QString &error);
    // A reply or a template from the person at the console, taking the chat over if asked.
    void sendAsOperator(OutboundDraft draft, bool takeOver, const QString &typed,
                        const QString &file = {});
    void showOpen();
    qint64 openTenant() const;

    ConversationListModel &m_conversations;
    TraceListModel &m_traces;
    ChatDesk &m_service;
    TracePanel *m_tracePanel = nullptr;
    ConversationFilterModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer m_searchDelay;
    QButtonGroup *m_views = nullptr;
    QComboBox *m_labelFilter = nullptr;
    QListView *m_list = nullptr;
    ConversationItemDelegate *m_delegate = nullptr;
    ConversationView *m_view = nullptr;
    qint64 m_tenantId = 0;
    qint64 m_openConversation = 0;
    Operator m_operator;
    InboxSettings m_settings;
};

} // namespace shopdesk
