#include "remote/RemoteConsoleWindow.h"

#include "ConversationListModel.h"
#include "MessageListModel.h"
#include "RemoteChatDesk.h"
#include "RemoteInboxSource.h"
#include "TraceListModel.h"
#include "access/Permission.h"
#include "panes/InboxPane.h"
#include "remote/RemoteAnalyticsPane.h"
#include "remote/RemoteConsoleClient.h"
#include "remote/RemoteKnowledgePane.h"
#include "remote/RemoteStockPane.h"
#include "widgets/BannerWidget.h"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {
constexpr int kRetryMs = 5000;
}

RemoteConsoleWindow::RemoteConsoleWindow(RemoteConsoleClient &client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("remoteConsoleWindow"));
    resize(1280, 800);
    m_source = new RemoteInboxSource(client, this);
    m_desk = new RemoteChatDesk(client, this);
    m_conversations = new ConversationListModel(*m_source, this);
    m_messages = new MessageListModel(*m_source, this);
    m_traces = new TraceListModel(*m_source, this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 6, 8, 0);
    m_banner = new BannerWidget(central);
    layout->addWidget(m_banner);
    m_tabs = new QTabWidget(central);
    m_inbox = new InboxPane(*m_conversations, *m_messages, *m_traces, *m_desk, m_tabs);
    m_stock = new RemoteStockPane(client, m_tabs);
    m_knowledge = new RemoteKnowledgePane(client, m_tabs);
    m_analytics = new RemoteAnalyticsPane(client, m_tabs);
    m_tabs->addTab(m_inbox, tr("Inbox"));
    m_tabs->addTab(m_stock, tr("Stock"));
    m_tabs->addTab(m_knowledge, tr("Knowledge"));
    m_tabs->addTab(m_analytics, tr("Analytics"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    m_who = new QLabel(this);
    statusBar()->addPermanentWidget(m_who);

    connect(m_inbox, &InboxPane::message, this, &RemoteConsoleWindow::showMessage);
    connect(m_stock, &RemoteStockPane::message, this, &RemoteConsoleWindow::showMessage);
    connect(m_knowledge, &RemoteKnowledgePane::message, this, &RemoteConsoleWindow::showMessage);
    connect(m_analytics, &RemoteAnalyticsPane::message, this, &RemoteConsoleWindow::showMessage);
    connect(&m_client, &RemoteConsoleClient::signedOut, this, [this](const QString &why) {
        m_token.clear();
        showMessage(why, true);
        Q_EMIT signInNeeded(why);
    });
    connect(&m_client, &RemoteConsoleClient::connectionLost, this,
            &RemoteConsoleWindow::onConnectionLost);
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &RemoteConsoleWindow::reconnect);
}

RemoteConsoleWindow::~RemoteConsoleWindow() = default;

void RemoteConsoleWindow::start()
{
    const RemoteConsoleClient::Session &s = m_client.session();
    m_token = s.token;
    setWindowTitle(tr("Shopdesk — %1 (on the store's server)").arg(s.storeName));
    m_who->setText(tr("%1 · %2 · signed in until %3")
                       .arg(s.person.name, Permissions::roleName(s.person.role),
                            QLocale().toString(s.expiresAt.toLocalTime(), QLocale::ShortFormat)));
    m_conversations->setTenant(s.storeId);
    m_conversations->reload();
    m_inbox->setTenant(s.storeId);
    m_inbox->setOperator(s.person);
    m_stock->setCanEdit(Permissions::allows(s.person.role, Permission::EditInventory));
    m_stock->reload();
    m_knowledge->setCanEdit(Permissions::allows(s.person.role, Permission::EditKnowledge));
    m_knowledge->reload();
    const bool figures = Permissions::allows(s.person.role, Permission::ViewAnalytics);
    m_tabs->setTabVisible(m_tabs->indexOf(m_analytics), figures);
    if (figures)
        m_analytics->reload();
}

void RemoteConsoleWindow::showMessage(const QString &text, bool isError)
{
    m_banner->showMessage(isError ? BannerWidget::Kind::Error : BannerWidget::Kind::Information,
                          text);
}

void RemoteConsoleWindow::onConnectionLost(const QString &reason)
{
    showMessage(tr("Lost the connection to the store's server (%1). Trying again…").arg(reason),
                true);
    m_retry.start();
}

void RemoteConsoleWindow::reconnect()
{
    if (m_token.isEmpty())
        return;
    m_client.open(m_client.url(), this, [this](Status opened) {
        if (!opened) {
            m_retry.start();
            return;
        }
        m_client.resume(m_token, this, [this](Result<RemoteConsoleClient::Session> session) {
            if (!session) {
                m_token.clear();
                Q_EMIT signInNeeded(session.error());
                return;
            }
            showMessage(tr("Connected to the store's server again."), false);
            start();
        });
    });
}

} // namespace shopdesk
