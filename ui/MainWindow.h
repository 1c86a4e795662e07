#pragma once

#include "domain/Operator.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace shopdesk {

class AttentionNotifier;
class BannerWidget;
class ConsoleOperator;
class ConsoleSettings;
class ConversationListModel;
class Engine;
class InboxPane;
class StoreInboxSource;
class LocalChatDesk;
class InventoryPane;
class MessageListModel;
class OrderTableModel;
class OrdersPane;
class CustomersPane;
class CustomerTableModel;
class LedgerTableModel;
class LowStockAlert;
class CommandBar;
class ReorderTableModel;
class AnalyticsPane;
class AnalyticsReportModel;
class AuditLogPane;
class TraceListModel;
class ReminderTableModel;
class ProductTableModel;
class SettingsPane;
class KnowledgePane;
class TenantListModel;

// The console: navigation between panes, the store switcher, a status bar with the store and
// the engine's state, and banners for anything a person should know.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Pane {
        Inbox,
        Knowledge,
        Inventory,
        Orders,
        Customers,
        Analytics,
        Audit,
        Settings,
        PaneCount
    };
    Q_ENUM(Pane)

    MainWindow(Engine &engine, ConsoleSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPane(Pane pane);
    Pane currentPane() const;
    QWidget *pane(Pane pane) const;
    QComboBox *storeSwitcher() const { return m_storeSwitcher; }
    BannerWidget *banner() const { return m_banner; }
    QLabel *botBacklog() const { return m_botBacklog; }
    ConsoleOperator *consoleOperator() const { return m_operator; }
    AttentionNotifier *attention() const { return m_attention; }
    qint64 currentTenantId() const { return m_tenantId; }
    InboxPane *inboxPane() const { return m_inbox; }
    SettingsPane *settingsPane() const { return m_settingsPane; }
    KnowledgePane *knowledgePane() const { return m_knowledge; }
    InventoryPane *inventoryPane() const { return m_inventory; }
    OrdersPane *ordersPane() const { return m_ordersPane; }
    CustomersPane *customersPane() const { return m_customersPane; }
    LowStockAlert *lowStockAlert() const { return m_lowStock; }
    CommandBar *commandBar() const { return m_commandBar; }
    AnalyticsPane *analyticsPane() const { return m_analytics; }
    AuditLogPane *auditPane() const { return m_audit; }
    // Whether the signed-in person's role shows this pane (the engine refuses the rest anyway).
    bool paneAllowed(Pane pane) const;
    bool isLocked() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildNavigation();
    void buildStatusBar();
    void connectInbox();
    void onEngineStateChanged();
    void onTenantsLoaded();
    void switchStore(int row);
    void showError(const QString &message);
    void showPaneMessage(const QString &text, bool isError);
    // Shows and hides panes and sections for the person signed in (nobody: locked or unknown).
    void applyOperator(const Operator &op);
    QWidget *buildLockPage();

    Engine &m_engine;
    ConsoleSettings &m_settings;
    TenantListModel *m_tenants = nullptr;
    StoreInboxSource *m_inboxSource = nullptr;
    LocalChatDesk *m_chatDesk = nullptr;
    ConversationListModel *m_conversations = nullptr;
    MessageListModel *m_messages = nullptr;
    ProductTableModel *m_products = nullptr;
    OrderTableModel *m_orders = nullptr;
    TraceListModel *m_traces = nullptr;
    ReminderTableModel *m_reminders = nullptr;
    CustomerTableModel *m_customers = nullptr;
    LedgerTableModel *m_ledger = nullptr;
    ReorderTableModel *m_reorder = nullptr;
    LowStockAlert *m_lowStock = nullptr;
    CommandBar *m_commandBar = nullptr;

    BannerWidget *m_banner = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QComboBox *m_storeSwitcher = nullptr;
    QLabel *m_storeStatus = nullptr;
    QLabel *m_engineStatus = nullptr;
    QLabel *m_botBacklog = nullptr;
    InboxPane *m_inbox = nullptr;
    InventoryPane *m_inventory = nullptr;
    OrdersPane *m_ordersPane = nullptr;
    CustomersPane *m_customersPane = nullptr;
    AnalyticsReportModel *m_analyticsModel = nullptr;
    AnalyticsPane *m_analytics = nullptr;
    AuditLogPane *m_audit = nullptr;
    QStackedWidget *m_lockable = nullptr; // the console's body, or the lock page
    Operator m_signedIn;
    int m_wantedPane = -1; // the pane remembered from last time, once its person signs in
    SettingsPane *m_settingsPane = nullptr;
    KnowledgePane *m_knowledge = nullptr;
    ConsoleOperator *m_operator = nullptr;
    AttentionNotifier *m_attention = nullptr;
    qint64 m_tenantId = 0;
};

} // namespace shopdesk
