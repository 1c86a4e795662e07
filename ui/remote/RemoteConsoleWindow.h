#pragma once

#include <QMainWindow>
#include <QTimer>

class QLabel;
class QTabWidget;

namespace shopdesk {

class BannerWidget;
class ConversationListModel;
class InboxPane;
class MessageListModel;
class RemoteAnalyticsPane;
class RemoteChatDesk;
class RemoteConsoleClient;
class RemoteInboxSource;
class RemoteKnowledgePane;
class RemoteStockPane;
class TraceListModel;

// The console on another computer (`shopdesk --connect wss://host:port`): the store's inbox
// with takeover, replies and hand back, its stock, what the bot knows and the manager's
// figures, all from a serve node over the remote console API, live. What the signed-in
// person's role may not do is hidden here and refused by the node. A dropped connection is
// retried every few seconds with the same sign-in; an expired one asks to sign in again.
class RemoteConsoleWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit RemoteConsoleWindow(RemoteConsoleClient &client, QWidget *parent = nullptr);
    ~RemoteConsoleWindow() override;

    // Call once signed in (and again after signing in anew): loads everything as that person.
    void start();
    InboxPane *inbox() const { return m_inbox; }
    RemoteStockPane *stock() const { return m_stock; }
    RemoteKnowledgePane *knowledge() const { return m_knowledge; }
    RemoteAnalyticsPane *analytics() const { return m_analytics; }
    QTabWidget *tabs() const { return m_tabs; }
    BannerWidget *banner() const { return m_banner; }

Q_SIGNALS:
    void signInNeeded(const QString &why);

private:
    void showMessage(const QString &text, bool isError);
    void onConnectionLost(const QString &reason);
    void reconnect();

    RemoteConsoleClient &m_client;
    RemoteInboxSource *m_source = nullptr;
    RemoteChatDesk *m_desk = nullptr;
    ConversationListModel *m_conversations = nullptr;
    MessageListModel *m_messages = nullptr;
    TraceListModel *m_traces = nullptr;
    BannerWidget *m_banner = nullptr;
    QTabWidget *m_tabs = nullptr;
    InboxPane *m_inbox = nullptr;
    RemoteStockPane *m_stock = nullptr;
    RemoteKnowledgePane *m_knowledge = nullptr;
    RemoteAnalyticsPane *m_analytics = nullptr;
    QLabel *m_who = nullptr;
    QTimer m_retry;
    QString m_token;
};

} // namespace shopdesk
