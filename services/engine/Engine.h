#pragma once

#include "messaging/OutboxSender.h"
#include "net/HttpServer.h"
#include "storage/DatabaseUrl.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <memory>

class QNetworkAccessManager;

namespace shopdesk {

class SqliteCheckpointer;

class StoreWorker;
class WebhookService;
class InboundProcessor;
class MediaDownloader;
class MediaReader;
class MessagingService;
class SimulatorPhone;
class KnowledgeService;
class Agent;
class ReminderSender;
class ConversationService;
class OperatorService;
class AnalyticsService;
class PrivacyService;
class CatalogService;
class AccountsService;
class BillService;
class OwnerCommandService;
class KnowledgeEditService;
class StoreSettingsService;
class ChannelService;
class HealthCheck;
class ConsoleApi;

// The whole engine as local services, for the console (embedded) and `shopdesk-cli serve`:
// the store, the webhook server and inbox, inbound processing, media, the outbox sender, and
// the knowledge pipeline (retrieval, answers, vectors).
class Engine : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Failed };
    Q_ENUM(State)

    struct Options
    {
        DatabaseUrl database;
        QString dataDir;
        bool loadDemoIfEmpty = false; // first start of the embedded console
        bool demoHistory = true;      // with its 30 days of history (DemoStoreLoader)
        // The data key that seals secrets: in the desktop's keychain (the console) or a key file
        // in dataDir (serve, tests; SecretKeyStore). Without a dataDir secrets stay as given.
        bool keychain = false;
        // Webhooks: listen when listenPort >= 0 (0 picks a free port).
        QHostAddress listenAddress = QHostAddress::LocalHost;
        int listenPort = -1;
        bool listenRequired = true; // false: the console runs on when the port is taken
        HttpServer::Tls tls;
        OutboxSender::Options sender;
        // The engine's coordination on a thread of its own (`shopdesk-engine`): inbound
        // processing, the bot's turns, knowledge answers, reminders, the outbox sender and media
        // downloads, with their HTTP, TLS and JSON. The console sets it, so its window never runs
        // them; `serve`'s main thread has nothing else to do and keeps them.
        bool engineThread = false;
        int mediaRetryBaseMs = 1000;
        bool agent = true; // the bot answers customers (off for tests of messaging alone)
        int reminderIntervalMs = 60000;  // how often due payment reminders are sent (with agent)
        int autoHandBackCheckMs = 30000; // how often quiet human chats are looked for (with agent)
        int retentionCheckMs = 24 * 3600 * 1000; // old traces and retrieval logs deleted daily
        // How long this node holds a chat for its bot without a turn renewing it: after a crash
        // other nodes answer its chats this much later (the node itself at once on restart).
        int botLeaseMs = 30000;
        // The remote console's WebSocket API at /api/ws on the webhook port, its sign-ins valid
        // this long; 0: no API (the desktop console).
        qint64 consoleTokenSeconds = 0;
    };

    explicit Engine(Options options, QObject *parent = nullptr);
    ~Engine() override;

    void start();
    void stop();

    State state() const { return m_state; }
    QString stateText() const;
    QString lastError() const { return m_lastError; }
    QString storeDescription() const { return m_storeDescription; }
    const Options &options() const { return m_options; }
    StoreWorker &store() { return *m_store; }
    WebhookService &webhooks() { return *m_webhooks; }
    InboundProcessor &inbound() { return *m_inbound; }
    OutboxSender &sender() { return *m_sender; }
    MediaDownloader &media() { return *m_media; }
    MediaReader &mediaReader() { return *m_mediaReader; }
    // Fetches (and so reads) customers' media of the last 7 days that the engine stopped before
    // fetching; done at start.
    void resumeMedia();
    MessagingService &messaging() { return *m_messaging; }
    SimulatorPhone &simulator() { return *m_simulator; }
    KnowledgeService &knowledge() { return *m_knowledge; }
    Agent &agent() { return *m_agent; }
    ReminderSender &reminders() { return *m_reminders; }
    HealthCheck &health() { return *m_health; } // GET /healthz
    ConversationService &conversations() { return *m_conversations; }
    OperatorService &operators() { return *m_operators; }
    AnalyticsService &analytics() { return *m_analytics; } // on the reports connection
    PrivacyService &privacy() { return *m_privacy; }
    CatalogService &catalog() { return *m_catalog; }
    AccountsService &accounts() { return *m_accounts; }
    BillService &bills() { return *m_bills; }
    OwnerCommandService &ownerCommands() { return *m_ownerCommands; }
    KnowledgeEditService &knowledgeEdits() { return *m_knowledgeEdits; }
    StoreSettingsService &storeSettings() { return *m_storeSettings; }
    ChannelService &channels() { return *m_channels; }
    ConsoleApi *consoleApi() { return m_consoleApi.get(); } // null without the API
    quint16 webhookPort() const { return m_webhookPort; }

Q_SIGNALS:
    void stateChanged(shopdesk::Engine::State state);
    // The webhook service (on the network thread) has loaded the channels: their paths answer.
    void webhookChannelsLoaded();
    void notice(const QString &message); // something a person should know (demo loaded, ...)

private:
    void setState(State state, const QString &error = {});
    void onStoreReady(const QString &description);
    void startServices();
    void listen();
    void checkpointInTheBackground(); // SQLite
    // Runs f on the network thread and waits for it (the thread never waits for this one).
    void onNetworkThread(const std::function<void()> &f);
    // The same on the engine's thread, when it has one.
    void onEngineThread(const std::function<void()> &f);
    QList<QObject *> engineThreadObjects() const;

    Options m_options;
    // The network thread: the HTTP server, the webhook service (signatures, parsing, recording,
    // acknowledging) and /healthz, so a busy console or bot never delays an acknowledgement.
    QThread m_networkThread;
    std::unique_ptr<StoreWorker> m_store;
    std::unique_ptr<StoreWorker> m_inboxStore;          // the webhooks' own connection and thread
    std::unique_ptr<StoreWorker> m_reportStore;         // the analytics' connection and thread
    std::unique_ptr<SqliteCheckpointer> m_checkpointer; // SQLite: checkpoints off both of them
    QThread m_engineThread; // with engineThread: the objects engineThreadObjects() lists
    std::unique_ptr<QNetworkAccessManager> m_network;       // theirs
    std::unique_ptr<QNetworkAccessManager> m_reportNetwork; // the analytics' (the console's)
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<WebhookService> m_webhooks;
    std::unique_ptr<InboundProcessor> m_inbound;
    std::unique_ptr<OutboxSender> m_sender;
    std::unique_ptr<MediaDownloader> m_media;
    std::unique_ptr<MediaReader> m_mediaReader;
    std::unique_ptr<MessagingService> m_messaging;
    std::unique_ptr<SimulatorPhone> m_simulator;
    std::unique_ptr<KnowledgeService> m_knowledge;
    std::unique_ptr<Agent> m_agent;
    std::unique_ptr<ReminderSender> m_reminders;
    std::unique_ptr<ConversationService> m_conversations;
    std::unique_ptr<OperatorService> m_operators;
    std::unique_ptr<AnalyticsService> m_analytics;
    std::unique_ptr<PrivacyService> m_privacy;
    std::unique_ptr<CatalogService> m_catalog;
    std::unique_ptr<AccountsService> m_accounts;
    std::unique_ptr<BillService> m_bills;
    std::unique_ptr<OwnerCommandService> m_ownerCommands;
    std::unique_ptr<KnowledgeEditService> m_knowledgeEdits;
    std::unique_ptr<StoreSettingsService> m_storeSettings;
    std::unique_ptr<ChannelService> m_channels;
    std::unique_ptr<HealthCheck> m_health;
    std::unique_ptr<ConsoleApi> m_consoleApi;
    State m_state = State::Stopped;
    QString m_lastError;
    QString m_storeDescription;
    quint16 m_webhookPort = 0;
};

} // namespace shopdesk
