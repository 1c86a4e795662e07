#include "MainWindow.h"

#include "AnalyticsReportModel.h"
#include "AttentionNotifier.h"
#include "ConsoleOperator.h"
#include "ConsoleSettings.h"
#include "ConversationListModel.h"
#include "CustomerTableModel.h"
#include "LedgerTableModel.h"
#include "LocalChatDesk.h"
#include "LowStockAlert.h"
#include "MessageListModel.h"
#include "OrderTableModel.h"
#include "ProductTableModel.h"
#include "ReminderTableModel.h"
#include "ReorderTableModel.h"
#include "StoreInboxSource.h"
#include "TenantListModel.h"
#include "TraceListModel.h"
#include "access/Permission.h"
#include "agent/Agent.h"
#include "agent/ReminderSender.h"
#include "catalog/CatalogService.h"
#include "conversation/ConversationService.h"
#include "engine/Engine.h"
#include "messaging/ChannelConfig.h"
#include "messaging/MessagingService.h"
#include "messaging/OutboxSender.h"
#include "messaging/ProviderClient.h"
#include "panes/AnalyticsPane.h"
#include "panes/AuditLogPane.h"
#include "panes/ConversationView.h"
#include "panes/CustomersPane.h"
#include "panes/InboxPane.h"
#include "panes/InventoryPane.h"
#include "panes/KnowledgePane.h"
#include "panes/OrdersPane.h"
#include "panes/SettingsPane.h"
#include "privacy/PrivacyService.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"
#include "widgets/CommandBar.h"
#include "widgets/agent/AiEmployeeSection.h"
#include "widgets/knowledge/FaqEditor.h"

#include "widgets/knowledge/KnowledgeSettingsSection.h"
#include <QTableWidget>
#include <QToolButton>

#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace shopdesk {

MainWindow::MainWindow(Engine &engine, ConsoleSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_settings(settings)
{
    setWindowTitle(tr("Shopdesk"));
    setObjectName(QStringLiteral("mainWindow"));
    StoreWorker &worker = engine.store();
    m_tenants = new TenantListModel(worker, this);
    m_inboxSource = new StoreInboxSource(worker, this);
    m_chatDesk = new LocalChatDesk(engine.conversations(), engine.operators(), this);
    m_conversations = new ConversationListModel(*m_inboxSource, this);
    m_messages = new MessageListModel(*m_inboxSource, this);
    m_products = new ProductTableModel(worker, engine.catalog(), this);
    m_orders = new OrderTableModel(worker, engine.catalog(), this);
    m_traces = new TraceListModel(*m_inboxSource, this);
    m_reminders = new ReminderTableModel(worker, engine.catalog(), this);
    m_customers = new CustomerTableModel(worker, engine.accounts(), this);
    m_ledger = new LedgerTableModel(worker, engine.accounts(), this);
    m_reorder = new ReorderTableModel(worker, engine.catalog(), this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new BannerWidget(central);
    auto *bannerHolder = new QHBoxLayout;
    bannerHolder->setContentsMargins(8, 6, 8, 0);
    bannerHolder->addWidget(m_banner);
    layout->addLayout(bannerHolder);
    m_commandBar = new CommandBar(engine.ownerCommands(), central);
    auto *commandHolder = new QHBoxLayout;
    commandHolder->setContentsMargins(8, 6, 8, 0);
    commandHolder->addWidget(m_commandBar);
    layout->addLayout(commandHolder);
    auto *commandKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this);
    connect(commandKey, &QShortcut::activated, m_commandBar, &CommandBar::open);
    m_lockable = new QStackedWidget(central);
    auto *bodyWidget = new QWidget(m_lockable);
    auto *body = new QHBoxLayout(bodyWidget);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    m_navigation = new QListWidget(bodyWidget);
    m_stack = new QStackedWidget(bodyWidget);
    body->addWidget(m_navigation);
    body->addWidget(m_stack, 1);
    m_lockable->addWidget(bodyWidget);
    m_lockable->addWidget(buildLockPage());
    layout->addWidget(m_lockable, 1);
    setCentralWidget(central);

    m_inbox = new InboxPane(*m_conversations, *m_messages, *m_traces, *m_chatDesk, m_stack);
    m_inventory = new InventoryPane(*m_products, *m_reorder, engine.store(), m_stack);
    m_settingsPane = new SettingsPane(engine, settings, m_stack);
    m_stack->addWidget(m_inbox);
    m_knowledge = new KnowledgePane(engine, m_stack);
    m_stack->addWidget(m_knowledge);
    m_stack->addWidget(m_inventory);
    m_ordersPane =
        new OrdersPane(*m_orders, *m_reminders, engine.bills(), engine.accounts(), m_stack);
    m_stack->addWidget(m_ordersPane);
    m_customersPane = new CustomersPane(*m_customers, *m_ledger, m_stack);
    m_stack->addWidget(m_customersPane);
    m_analyticsModel = new AnalyticsReportModel(engine.analytics(), this);
    m_analytics = new AnalyticsPane(*m_analyticsModel, m_stack);
    m_stack->addWidget(m_analytics);
    m_audit = new AuditLogPane(engine.operators(), m_stack);
    m_stack->addWidget(m_audit);
    m_stack->addWidget(m_settingsPane);

    buildNavigation();
    buildStatusBar();

    auto *toolbar = addToolBar(tr("Store"));
    toolbar->setObjectName(QStringLiteral("storeToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("  Store: "), toolbar));
    m_storeSwitcher = new QComboBox(toolbar);
    m_storeSwitcher->setObjectName(QStringLiteral("storeSwitcher"));
    m_storeSwitcher->setModel(m_tenants);
    m_storeSwitcher->setMinimumContentsLength(24);
    m_storeSwitcher->setEnabled(false);
    toolbar->addWidget(m_storeSwitcher);

    connect(m_storeSwitcher, &QComboBox::currentIndexChanged, this, &MainWindow::switchStore);
    connect(m_tenants, &TenantListModel::loaded, this, &MainWindow::onTenantsLoaded);
    connect(m_tenants, &TenantListModel::loadFailed, this, &MainWindow::showError);
    connect(m_conversations, &ConversationListModel::loadFailed, this, &MainWindow::showError);
    connect(m_messages, &MessageListModel::loadFailed, this, &MainWindow::showError);
    connect(m_products, &ProductTableModel::loadFailed, this, &MainWindow::showError);
    connect(m_knowledge, &KnowledgePane::message, this, &MainWindow::showPaneMessage);
    connect(m_inventory, &InventoryPane::message, this, &MainWindow::showPaneMessage);
    connect(m_ordersPane, &OrdersPane::message, this, &MainWindow::showPaneMessage);
    connect(m_customersPane, &CustomersPane::message, this, &MainWindow::showPaneMessage);
    connect(m_customers, &CustomerTableModel::loadFailed, this, &MainWindow::showError);
    connect(m_customersPane, &CustomersPane::openChat, this, [this](qint64 conversationId) {
        showPane(Inbox);
        m_inbox->openConversation(conversationId);
    });
    connect(m_settingsPane->agent(), &AiEmployeeSection::setUpModelRequested, this, [this] {
        showPane(Knowledge);
        m_knowledge->tabs()->setCurrentWidget(m_knowledge->settingsSection());
    });
    connect(m_orders, &OrderTableModel::loadFailed, this, &MainWindow::showError);
    connect(m_traces, &TraceListModel::loadFailed, this, &MainWindow::showError);
    connect(m_reminders, &ReminderTableModel::loadFailed, this, &MainWindow::showError);
    connect(m_ordersPane, &OrdersPane::openChat, this, [this](qint64 conversationId) {
        showPane(Inbox);
        m_inbox->openConversation(conversationId);
    });
    connect(m_analytics, &AnalyticsPane::openChat, this, [this](qint64 conversationId) {
        showPane(Inbox);
        m_inbox->openConversation(conversationId);
    });
    connect(m_analytics, &AnalyticsPane::addToFaq, this, [this](const QString &question) {
        showPane(Knowledge);
        m_knowledge->tabs()->setCurrentWidget(m_knowledge->faq());
        // The question from the report, and the cursor in its answer for the owner to write.
        FaqEditor *faq = m_knowledge->faq();
        faq->addPair(question, QString());
        QTableWidget *table = faq->table();
        const int row = table->rowCount() - 1;
        table->scrollToItem(table->item(row, 1));
        table->setCurrentCell(row, 1);
        table->editItem(table->item(row, 1));
    });
    connect(m_analytics, &AnalyticsPane::message, this, &MainWindow::showPaneMessage);
    connect(m_settingsPane, &SettingsPane::message, this, &MainWindow::showPaneMessage);
    connect(m_inbox, &InboxPane::message, this, &MainWindow::showPaneMessage);
    connectInbox();
    connect(&engine, &Engine::stateChanged, this, &MainWindow::onEngineStateChanged);
    connect(&engine, &Engine::notice, this, [this](const QString &text) {
        m_banner->showMessage(BannerWidget::Kind::Information, text);
    });
    // What the bot's background work could not do is said, not only logged.
    connect(&engine.agent(), &Agent::modelBreakerChanged, this,
            [this](qint64 tenantId, bool open, const QString &reason) {
                if (tenantId != m_tenantId || !open)
                    return;
                m_banner->showMessage(BannerWidget::Kind::Warning,
                                      tr("The language model is paused (%1). The bot keeps "
                                         "answering without it.")
                                          .arg(reason));
            });
    // A provider that cannot be reached: its messages wait (nothing is lost) and go out by
    // themselves when it answers again.
    connect(&engine.sender(), &OutboxSender::channelUnreachable, this,
            [this](qint64 tenantId, qint64, const QString &reason, qint64 waitMs) {
                if (tenantId != m_tenantId)
                    return;
                m_banner->showMessage(
                    BannerWidget::Kind::Warning,
                    tr("WhatsApp cannot be reached just now (%1). Replies wait and nothing is "
                       "lost; Shopdesk tries again in %2 s and sends them when it answers.")
                        .arg(reason)
                        .arg((waitMs + 999) / 1000));
            });
    connect(&engine.sender(), &OutboxSender::channelReachable, this,
            [this](qint64 tenantId, qint64) {
                if (tenantId == m_tenantId)
                    m_banner->showMessage(BannerWidget::Kind::Information,
                                          tr("WhatsApp answers again: the waiting replies are "
                                             "going out."));
            });
    connect(
        &engine.reminders(), &ReminderSender::finished, this,
        [this](const ReminderSender::Report &report) {
            if (report.problems.isEmpty())
                return;
            m_banner->showMessage(
                BannerWidget::Kind::Error,
                report.problems.size() == 1
                    ? tr("A payment reminder could not be sent. %1").arg(report.problems.first())
                    : tr("%1 payment reminders could not be sent. The first: %2")
                          .arg(report.problems.size())
                          .arg(report.problems.first()));
        });

    resize(1200, 780);
    restoreGeometry(settings.windowGeometry());
    restoreState(settings.windowState());
    m_wantedPane = std::clamp(settings.lastPane(), 0, PaneCount - 1);
    showPane(Pane(m_wantedPane));
    onEngineStateChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildNavigation()
{
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(168);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral(
        "QListWidget { background:#1f2a37; color:#e5e7eb; border:none; padding-top:8px; "
        "font-size:11pt; }"
        "QListWidget { outline:0; }"
        "QListWidget::item { padding:10px 14px; border:none; margin:0; }"
        "QListWidget::item:selected { background:#2f6f4f; color:white; padding:10px 14px; }"));
    const QStringList names = {tr("Inbox"),     tr("Knowledge"), tr("Inventory"), tr("Orders"),
                               tr("Customers"), tr("Analytics"), tr("Audit log"), tr("Settings")};
    for (int i = 0; i < names.size(); ++i) {
        auto *item = new QListWidgetItem(names.at(i), m_navigation);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(names.at(i)).arg(i + 1));
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i] { showPane(Pane(i)); });
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPane(Pane(row));
    });
}

void MainWindow::connectInbox()
{
    m_operator = new ConsoleOperator(m_engine.operators(), m_settings, this);
    statusBar()->addPermanentWidget(m_operator->statusButton());
    connect(m_operator, &ConsoleOperator::changed, m_inbox, &InboxPane::setOperator);
    connect(m_operator, &ConsoleOperator::changed, this, &MainWindow::applyOperator);
    connect(m_operator, &ConsoleOperator::lockedChanged, this, [this](bool locked) {
        m_lockable->setCurrentIndex(locked ? 1 : 0);
        m_storeSwitcher->setEnabled(!locked && m_tenants->rowCount() > 1);
    });
    connect(m_settingsPane, &SettingsPane::lockMinutesChanged, m_operator,
            &ConsoleOperator::setIdleMinutes);
    connect(m_inbox, &InboxPane::operatorNeeded, m_operator, &ConsoleOperator::ask);
    m_attention = new AttentionNotifier(*m_conversations, this, this);
    m_attention->setSoundEnabled(m_settings.alertSound());
    m_lowStock = new LowStockAlert(*m_reorder, *m_banner, this);
    m_lowStock->setTray(m_attention->trayIcon());
    m_lowStock->setTrayEnabled(m_settings.lowStockTray());
    connect(m_settingsPane, &SettingsPane::lowStockTrayChanged, m_lowStock,
            &LowStockAlert::setTrayEnabled);
    connect(m_settingsPane, &SettingsPane::alertSoundChanged, m_attention,
            &AttentionNotifier::setSoundEnabled);
    connect(m_attention, &AttentionNotifier::openRequested, this, [this](qint64 conversationId) {
        showNormal();
        raise();
        activateWindow();
        showPane(Inbox);
        m_inbox->openConversation(conversationId);
    });
    connect(&m_engine.conversations(), &ConversationService::failed, this, &MainWindow::showError);
    // An erased customer's chats are gone: the inbox reads its list again.
    connect(&m_engine.privacy(), &PrivacyService::customerErased, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            m_conversations->reload();
    });
}

void MainWindow::buildStatusBar()
{
    m_storeStatus = new QLabel(this);
    m_storeStatus->setObjectName(QStringLiteral("storeStatus"));
    m_engineStatus = new QLabel(this);
    m_engineStatus->setObjectName(QStringLiteral("engineStatus"));
    // Backpressure: when customers write faster than the bot answers, say how far behind it is
    // (every message is still answered, oldest first).
    m_botBacklog = new QLabel(this);
    m_botBacklog->setObjectName(QStringLiteral("botBacklog"));
    m_botBacklog->setStyleSheet(QStringLiteral("color:#9a6700;"));
    m_botBacklog->hide();
    connect(&m_engine.agent(), &Agent::backlogChanged, this, [this](int messages) {
        m_botBacklog->setText(tr("Bot is %1 messages behind").arg(QLocale().toString(messages)));
        m_botBacklog->setVisible(messages >= 10);
    });
    statusBar()->addWidget(m_storeStatus, 1);
    statusBar()->addPermanentWidget(m_botBacklog);
    statusBar()->addPermanentWidget(m_engineStatus);
}

QWidget *MainWindow::buildLockPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("lockPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    auto *text = new QLabel(tr("<h2>The console is locked</h2>Nobody used it for a while. Sign in "
                               "to go on; chats and the bot carry on meanwhile."),
                            page);
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *signIn = new QPushButton(tr("Sign in…"), page);
    signIn->setObjectName(QStringLiteral("unlock"));
    connect(signIn, &QPushButton::clicked, this, [this] { m_operator->ask(); });
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(signIn);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
    return page;
}

bool MainWindow::isLocked() const
{
    return m_lockable->currentIndex() == 1;
}

bool MainWindow::paneAllowed(Pane pane) const
{
    const auto may = [this](Permission p) {
        return m_signedIn.id > 0 && Permissions::allows(m_signedIn.role, p);
    };
    switch (pane) {
    case Knowledge:
        return may(Permission::EditKnowledge);
    case Inventory:
        return may(Permission::EditInventory);
    case Analytics:
        return may(Permission::ViewAnalytics);
    case Audit:
        return may(Permission::ViewAudit);
    default:
        return true;
    }
}

void MainWindow::applyOperator(const Operator &op)
{
    m_signedIn = op;
    m_products->setActor(op.id);
    m_orders->setActor(op.id);
    m_reminders->setActor(op.id);
    m_ledger->setActor(op.id);
    m_commandBar->setStore(currentTenantId(), op.id);
    m_reorder->setActor(Permissions::allows(op.role, Permission::EditInventory) ? op.id : 0);
    m_customers->setActor(op.id);
    m_customersPane->setCanKeepAccounts(op.id > 0 &&
                                        Permissions::allows(op.role, Permission::KeepAccounts));
    m_knowledge->setActor(op.id);
    m_analytics->setActor(op.id);
    for (int i = 0; i < PaneCount; ++i)
        m_navigation->item(i)->setHidden(!paneAllowed(Pane(i)));
    m_settingsPane->setOperator(op);
    m_audit->setContext(m_tenantId, op);
    if (m_wantedPane >= 0 && op.id > 0) {
        showPane(Pane(m_wantedPane));
        m_wantedPane = -1;
    }
    if (!paneAllowed(currentPane()))
        showPane(Inbox);
}

void MainWindow::showPane(Pane pane)
{
    if (!paneAllowed(pane))
        pane = Inbox;
    m_stack->setCurrentIndex(pane);
    if (m_navigation->currentRow() != pane)
        m_navigation->setCurrentRow(pane);
}

MainWindow::Pane MainWindow::currentPane() const
{
    return Pane(m_stack->currentIndex());
}

QWidget *MainWindow::pane(Pane pane) const
{
    return m_stack->widget(pane);
}

void MainWindow::onEngineStateChanged()
{
    QString color = QStringLiteral("#9ca3af");
    switch (m_engine.state()) {
    case Engine::State::Running:
        color = QStringLiteral("#16a34a");
        m_tenants->reload();
        break;
    case Engine::State::Starting:
        color = QStringLiteral("#d97706");
        break;
    case Engine::State::Failed:
        color = QStringLiteral("#dc2626");
        showError(tr("The engine could not start. %1 Nothing was changed; choose another "
                     "database in Settings and restart.")
                      .arg(m_engine.lastError()));
        break;
    case Engine::State::Stopped:
        break;
    }
    const QString state =
        m_engine.state() == Engine::State::Failed ? tr("Not running") : m_engine.stateText();
    m_engineStatus->setText(QStringLiteral("<span style='color:%1'>●</span> ").arg(color) +
                            tr("Engine: %1").arg(state));
    m_engineStatus->setToolTip(m_engine.storeDescription());
}

void MainWindow::onTenantsLoaded()
{
    m_storeSwitcher->setEnabled(m_tenants->rowCount() > 1);
    if (m_tenants->rowCount() == 0) {
        m_storeStatus->setText(tr("No store yet: add one with shopdesk-cli tenant add."));
        return;
    }
    int row = m_tenants->rowOfId(m_tenantId);
    if (row < 0)
        row = m_tenants->rowOfSlug(m_settings.lastStore());
    if (row < 0)
        row = 0;
    if (m_storeSwitcher->currentIndex() != row)
        m_storeSwitcher->setCurrentIndex(row);
    else
        switchStore(row);
}

void MainWindow::switchStore(int row)
{
    const Tenant tenant = m_tenants->tenantAt(row);
    if (tenant.id == 0)
        return;
    m_tenantId = tenant.id;
    m_settings.setLastStore(tenant.slug);
    m_conversations->setTenant(tenant.id);
    m_products->setTenant(tenant.id);
    m_orders->setTenant(tenant.id);
    m_reminders->setTenant(tenant.id);
    m_customers->setTenant(tenant.id);
    m_reorder->setTenant(tenant.id);
    m_commandBar->setStore(tenant.id, m_signedIn.id);
    m_settingsPane->setTenant(tenant.id);
    m_knowledge->setTenant(tenant.id);
    m_inbox->setTenant(tenant.id);
    m_analytics->setTenant(tenant.id);
    m_operator->setStore(tenant.id, tenant.slug);
    setWindowTitle(tr("%1 — Shopdesk").arg(tenant.name));
    m_storeStatus->setText(
        tr("Store: %1  ·  %2").arg(tenant.name, m_engine.options().database.redacted()));
}

void MainWindow::showPaneMessage(const QString &text, bool isError)
{
    m_banner->showMessage(isError ? BannerWidget::Kind::Error : BannerWidget::Kind::Information,
                          text);
}

void MainWindow::showError(const QString &message)
{
    m_banner->showMessage(BannerWidget::Kind::Error, message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setLastPane(currentPane());
    QMainWindow::closeEvent(event);
}

} // namespace shopdesk
