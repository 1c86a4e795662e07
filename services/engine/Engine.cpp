#include "engine/Engine.h"

#include "storage/SecretKeyStore.h"

#include "accounts/AccountsService.h"
#include "analytics/AnalyticsService.h"
#include "bills/BillService.h"
#include "catalog/CatalogService.h"
#include "knowledge/KnowledgeEditService.h"
#include "messaging/ChannelService.h"
#include "owner/OwnerCommandService.h"
#include "privacy/PrivacyService.h"
#include "remote/ConsoleApi.h"
#include "remote/ConsoleLink.h"
#include "settings/StoreSettingsService.h"

#include "agent/Agent.h"
#include "agent/ReminderSender.h"

#include "access/OperatorService.h"
#include "conversation/ConversationService.h"
#include "core/Logging.h"
#include "demo/DemoStoreLoader.h"
#include "engine/DataDirectory.h"
#include "engine/HealthCheck.h"
#include "knowledge/KnowledgeService.h"
#include "messaging/InboundProcessor.h"
#include "messaging/MediaDownloader.h"
#include "messaging/MessagingService.h"
#include "messaging/SimulatorPhone.h"
#include "messaging/WebhookService.h"
#include "reading/MediaReader.h"
#include "storage/SqliteCheckpointer.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QWebSocket>

namespace shopdesk {

namespace {

OutboxSender::Options senderOptions(const Engine::Options &options)
{
    OutboxSender::Options o = options.sender;
    if (o.nodeId.isEmpty() && !options.dataDir.isEmpty())
        o.nodeId = DataDirectory::nodeId(options.dataDir);
    if (o.dataDir.isEmpty())
        o.dataDir = options.dataDir;
    return o;
}

} // namespace

Engine::Engine(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_store(std::make_unique<StoreWorker>(m_options.database))
    , m_inboxStore(
          std::make_unique<StoreWorker>(m_options.database, nullptr, StoreWorker::Role::Inbox))
    , m_reportStore(
          std::make_unique<StoreWorker>(m_options.database, nullptr, StoreWorker::Role::Reports))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_reportNetwork(std::make_unique<QNetworkAccessManager>())
    , m_webhooks(std::make_unique<WebhookService>(*m_inboxStore, *m_store))
    , m_inbound(std::make_unique<InboundProcessor>(*m_store))
    , m_sender(std::make_unique<OutboxSender>(*m_store, *m_network, senderOptions(m_options)))
    , m_media(std::make_unique<MediaDownloader>(*m_store, *m_sender, m_options.dataDir))
    , m_mediaReader(std::make_unique<MediaReader>(*m_store, *m_network, m_options.dataDir))
    , m_messaging(std::make_unique<MessagingService>(*m_store))
    , m_simulator(std::make_unique<SimulatorPhone>(*m_store, *m_webhooks))
    , m_knowledge(std::make_unique<KnowledgeService>(*m_store, *m_network))
    , m_agent(std::make_unique<Agent>(*m_store, *m_knowledge, *m_network))
    , m_reminders(std::make_unique<ReminderSender>(*m_store))
    , m_conversations(std::make_unique<ConversationService>(*m_store, m_options.dataDir))
    , m_operators(std::make_unique<OperatorService>(*m_store))
    , m_analytics(std::make_unique<AnalyticsService>(*m_reportStore))
    , m_privacy(std::make_unique<PrivacyService>(*m_store, m_options.dataDir))
    , m_catalog(std::make_unique<CatalogService>(*m_store))
    , m_accounts(std::make_unique<AccountsService>(*m_store))
    , m_bills(std::make_unique<BillService>(*m_store, m_options.dataDir))
    , m_ownerCommands(std::make_unique<OwnerCommandService>(*m_store))
    , m_knowledgeEdits(std::make_unique<KnowledgeEditService>(*m_store))
    , m_storeSettings(std::make_unique<StoreSettingsService>(*m_store))
    , m_channels(std::make_unique<ChannelService>(*m_store))
    , m_health(std::make_unique<HealthCheck>(*m_store, senderOptions(m_options).nodeId))
{
    if (m_options.consoleTokenSeconds > 0)
        m_consoleApi = std::make_unique<ConsoleApi>(
            ConsoleServices{*m_store, *m_conversations, *m_operators, *m_catalog, *m_knowledge,
                            *m_knowledgeEdits, *m_analytics},
            m_options.consoleTokenSeconds);
    if (m_consoleApi)
        connect(m_consoleApi.get(), &ConsoleApi::signedInChanged, m_health.get(),
                &HealthCheck::setRemoteConsoles);
    m_networkThread.setObjectName(QStringLiteral("shopdesk-net"));
    m_webhooks->moveToThread(&m_networkThread);
    m_health->moveToThread(&m_networkThread);
    m_networkThread.start();
    m_media->setRetryBaseMs(m_options.mediaRetryBaseMs);
    m_agent->setDataDir(m_options.dataDir);
    m_agent->setNode(senderOptions(m_options).nodeId, m_options.botLeaseMs);
    if (m_options.engineThread) {
        m_engineThread.setObjectName(QStringLiteral("shopdesk-engine"));
        for (QObject *o : engineThreadObjects())
            o->moveToThread(&m_engineThread);
        m_engineThread.start();
    }
    connect(m_webhooks.get(), &WebhookService::channelsLoaded, this,
            &Engine::webhookChannelsLoaded);
    m_analytics->setNetwork(m_reportNetwork.get());
    connect(m_store.get(), &StoreWorker::ready, this, &Engine::onStoreReady);
    connect(m_store.get(), &StoreWorker::channelsChanged, m_webhooks.get(),
            &WebhookService::reloadChannels);
    connect(m_store.get(), &StoreWorker::channelsChanged, m_sender.get(),
            &OutboxSender::reloadChannels);
    connect(m_store.get(), &StoreWorker::outboxEnqueued, m_sender.get(), &OutboxSender::wake);
    connect(m_webhooks.get(), &WebhookService::itemsRecorded, m_inbound.get(),
            &InboundProcessor::wake);
    connect(m_inbound.get(), &InboundProcessor::mediaWanted, m_media.get(),
            &MediaDownloader::fetch);
    // A kept voice note or photo is read (transcribed, or its list read) before the bot answers.
    connect(m_media.get(), &MediaDownloader::kept, m_mediaReader.get(), &MediaReader::read);
    connect(m_sender.get(), &OutboxSender::simulatorDelivered, m_simulator.get(),
            &SimulatorPhone::deliver);
    // Passages changed, or a store's embeddings endpoint: compute the vectors that are missing.
    connect(m_store.get(), &StoreWorker::documentsChanged, m_knowledge.get(),
            &KnowledgeService::embedPending);
    connect(m_store.get(), &StoreWorker::settingsChanged, m_knowledge.get(),
            &KnowledgeService::embedPending);
    // Each new customer message (stored here or by another node) wakes the bot, which answers
    // it from its queue, only while it owns the chat.
    if (m_options.agent) {
        connect(m_agent.get(), &Agent::backlogChanged, m_health.get(), &HealthCheck::setBotBacklog);
        connect(m_store.get(), &StoreWorker::messagesAppended, m_agent.get(),
                &Agent::onMessagesAppended);
        // The customer sees their message read, and the bot typing, while it answers.
        connect(m_agent.get(), &Agent::answering, m_sender.get(), &OutboxSender::markRead);
        connect(m_mediaReader.get(), &MediaReader::readingSaved, m_agent.get(),
                [agent = m_agent.get()](qint64 tenantId, qint64 conversationId, qint64) {
                    agent->wake(tenantId, conversationId);
                });
    }
    connect(m_store.get(), &StoreWorker::failed, this,
            [this](const QString &message) { setState(State::Failed, message); });
}

Engine::~Engine()
{
    stop();
    // The network thread's objects come back to this thread to be destroyed here.
    QThread *here = thread();
    onNetworkThread([this, here] {
        m_http.reset();
        m_webhooks->moveToThread(here);
        m_health->moveToThread(here);
    });
    m_networkThread.quit();
    m_networkThread.wait();
    onEngineThread([this, here] {
        for (QObject *o : engineThreadObjects())
            o->moveToThread(here);
    });
    m_engineThread.quit();
    m_engineThread.wait();
}

QList<QObject *> Engine::engineThreadObjects() const
{
    return {m_network.get(),   m_inbound.get(),     m_sender.get(),
            m_media.get(),     m_mediaReader.get(), m_simulator.get(),
            m_knowledge.get(), m_agent.get(),       m_reminders.get()};
}

void Engine::onEngineThread(const std::function<void()> &f)
{
    if (m_engineThread.isRunning())
        QMetaObject::invokeMethod(m_sender.get(), f, Qt::BlockingQueuedConnection);
    else
        f();
}

void Engine::onNetworkThread(const std::function<void()> &f)
{
    if (m_networkThread.isRunning())
        QMetaObject::invokeMethod(m_webhooks.get(), f, Qt::BlockingQueuedConnection);
    else
        f();
}

QString Engine::stateText() const
{
    switch (m_state) {
    case State::Stopped:
        return tr("Stopped");
    case State::Starting:
        return tr("Starting…");
    case State::Running:
        return tr("Running");
    case State::Failed:
        return tr("Not running: %1").arg(m_lastError);
    }
    return {};
}

void Engine::start()
{
    if (m_state == State::Starting || m_state == State::Running)
        return;
    setState(State::Starting);
    qCInfo(lcEngine) << "Starting the engine on" << m_options.database.redacted();
    if (m_options.dataDir.isEmpty()) {
        m_store->start();
        return;
    }
    m_store->setSecretKeySource(m_options.dataDir); // the key file, unless the keychain has it
    if (!SecretKeyStore::keychainWanted(m_options.dataDir, m_options.keychain)) {
        m_store->start();
        return;
    }
    SecretKeyStore::fetchFromKeychain(
        m_options.dataDir, this, [this](Result<SecretKeyStore::Key> key) {
            if (key)
                m_store->setSecretKey(key.value().bytes);
            else
                qCInfo(lcEngine) << "No keychain (" << key.error() << "): the data key is a file";
            m_store->start();
        });
}

void Engine::stop()
{
    if (m_state == State::Stopped)
        return;
    qCInfo(lcEngine) << "Stopping the engine";
    onNetworkThread([this] {
        if (m_http)
            m_http->close(); // no new webhooks; the ones being recorded finish below
    });
    m_inboxStore->close(); // after the webhooks being recorded
    m_analytics->cancel();
    m_reportStore->close();
    if (m_checkpointer)
        m_checkpointer->stop();
    onEngineThread([this] {
        m_inbound->stop();
        m_agent->stop();
        m_sender->stop();
        m_reminders->stop();
        m_knowledge->shutdown();
    });
    m_store->close(); // finishes queued jobs, closes the connection on its thread
    setState(State::Stopped);
}

void Engine::onStoreReady(const QString &description)
{
    m_storeDescription = description;
    m_inboxStore->setSecretKey(m_store->secretKey());
    m_reportStore->setSecretKey(m_store->secretKey());
    m_inboxStore->start(); // the schema is up to date now
    m_reportStore->start();
    checkpointInTheBackground();
    if (!m_options.loadDemoIfEmpty) {
        startServices();
        return;
    }
    m_store->run(
        this,
        [history = m_options.demoHistory](Store &store) -> Result<DemoSummary> {
            auto tenants = store.tenants().tenants();
            if (!tenants)
                return Result<DemoSummary>::failure(tenants.error());
            if (!tenants->isEmpty())
                return DemoSummary{true};
            return DemoStoreLoader::load(store, history);
        },
        [this](Result<DemoSummary> result) {
            if (!result) {
                Q_EMIT notice(tr("The demo store could not be loaded: %1").arg(result.error()));
            } else if (!result->alreadyLoaded) {
                Q_EMIT notice(tr("Loaded the demo store \"%1\": %2 products, %3 conversations.")
                                  .arg(result->slug)
                                  .arg(result->products)
                                  .arg(result->conversations));
            }
            startServices();
        });
}

void Engine::startServices()
{
    QMetaObject::invokeMethod(m_webhooks.get(), &WebhookService::reloadChannels);
    onEngineThread([this] {
        m_inbound->start();
        m_sender->start();
        if (m_options.agent) {
            m_agent->start();
            m_reminders->start(m_options.reminderIntervalMs);
        }
    });
    if (m_options.agent)
        m_conversations->startAutoHandBack(m_options.autoHandBackCheckMs);
    resumeMedia();
    // The store's retention rule: once at start, then daily.
    m_privacy->applyRetention();
    m_privacy->startRetention(m_options.retentionCheckMs);
    m_store->run(
        this, [](Store &store) { return store.tenants().tenants(); },
        [this](Result<QList<Tenant>> tenants) {
            for (const Tenant &t : tenants ? tenants.value() : QList<Tenant>{})
                QMetaObject::invokeMethod(m_knowledge.get(),
                                          [this, id = t.id] { m_knowledge->embedPending(id); });
        });
    if (m_options.listenPort >= 0)
        listen();
    else
        setState(State::Running);
}

void Engine::resumeMedia()
{
    m_store->run(
        this,
        [](Store &store) {
            return store.conversations().pendingMedia(QDateTime::currentDateTimeUtc().addDays(-7),
                                                      500);
        },
        [this](Result<QList<ConversationStore::PendingMedia>> pending) {
            if (!pending) {
                qCWarning(lcEngine).noquote()
                    << "Media left to fetch not found:" << pending.error();
                return;
            }
            QList<MediaJob> jobs;
            for (const auto &p : pending.value()) {
                const QJsonObject extra =
                    QJsonDocument::fromJson(p.message.extraJson.toUtf8()).object();
                MediaJob job;
                job.tenantId = p.message.tenantId;
                job.channelId = p.channelId;
                job.messageId = p.message.id;
                job.type = p.message.type;
                job.source = p.message.mediaSource;
                job.mime = p.message.mediaMime;
                job.fileName = extra.value(QStringLiteral("file_name")).toString();
                job.providerMessageId = p.message.providerMessageId;
                jobs.append(job);
            }
            if (jobs.isEmpty())
                return;
            qCInfo(lcEngine) << "Fetching" << jobs.size() << "customers' files left from before";
            QMetaObject::invokeMethod(m_media.get(), [this, jobs] { m_media->fetch(jobs); });
        });
}

void Engine::checkpointInTheBackground()
{
    if (m_options.database.kind() != DatabaseUrl::Kind::Sqlite || m_checkpointer)
        return;
    const QString path = m_options.database.sqlitePath();
    m_checkpointer =
        std::make_unique<SqliteCheckpointer>(QStringList{path, Store::inboxFilePath(path)});
    m_checkpointer->start();
    for (StoreWorker *worker : {m_store.get(), m_inboxStore.get(), m_reportStore.get()})
        worker->run(
            this, [](Store &s) { return s.setAutomaticCheckpoints(false); },
            [](Status off) {
                if (!off)
                    qCWarning(lcEngine) << "Checkpoints stay automatic:" << off.error();
            },
            StoreWorker::Priority::Urgent);
}

void Engine::listen()
{
    Result<quint16> bound = Result<quint16>::failure(QString());
    onNetworkThread([this, &bound] {
        m_http = std::make_unique<HttpServer>();
        m_http->setHandler([this](const HttpRequest &request, HttpReply reply) {
            if (request.path() == QLatin1String("/healthz") && request.method == "GET") {
                auto shared = std::make_shared<HttpReply>(std::move(reply));
                m_health->answer([shared](const HttpResponse &r) { shared->send(r); });
                return;
            }
            m_webhooks->handle(request, std::move(reply));
        });
        if (ConsoleApi *api = m_consoleApi.get()) {
            // A remote console's socket stays here; its session runs on the engine's thread.
            m_http->setWebSocketHandler([api](std::unique_ptr<QWebSocket> socket) {
                auto *link = new ConsoleLink(std::move(socket));
                if (link->path() != QLatin1String(ConsoleApi::kPath)) {
                    link->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                tr("Nothing here: the remote console is at %1.")
                                    .arg(QLatin1String(ConsoleApi::kPath)));
                    link->deleteLater();
                    return;
                }
                QMetaObject::invokeMethod(api, [api, link] { api->accept(link); });
            });
        }
        bound =
            m_http->listen(m_options.listenAddress, quint16(m_options.listenPort), m_options.tls);
        if (!bound)
            m_http.reset();
    });
    if (!bound) {
        if (m_options.listenRequired) {
            setState(State::Failed, bound.error());
            return;
        }
        Q_EMIT notice(tr("WhatsApp webhooks are off on this computer: %1").arg(bound.error()));
        setState(State::Running);
        return;
    }
    m_webhookPort = bound.value();
    qCInfo(lcEngine) << "Webhooks on" << (m_options.tls.enabled() ? "https" : "http")
                     << m_options.listenAddress.toString() << "port" << bound.value();
    setState(State::Running);
}

void Engine::setState(State state, const QString &error)
{
    if (state == m_state && error == m_lastError)
        return;
    m_state = state;
    m_lastError = error;
    QMetaObject::invokeMethod(m_health.get(),
                              [health = m_health.get(), running = state == State::Running] {
                                  health->setRunning(running);
                              });
    Q_EMIT stateChanged(state);
}

} // namespace shopdesk
