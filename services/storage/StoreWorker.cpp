#include "storage/StoreWorker.h"

#include "core/Logging.h"

namespace shopdesk {

StoreWorker::StoreWorker(DatabaseUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_threadContext(new QObject)
{
    m_thread.setObjectName(QStringLiteral("shopdesk-db"));
    m_threadContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
}

StoreWorker::~StoreWorker()
{
    close();
    if (!m_thread.isFinished())
        delete m_threadContext;
}

void StoreWorker::close()
{
    m_closed = true;
    if (m_thread.isRunning()) {
        // The connection is closed on the thread that opened it, after every queued job.
        QMetaObject::invokeMethod(
            m_threadContext, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
        m_open = false;
        m_thread.quit();
        m_thread.wait();
    }
}

void StoreWorker::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(
        m_threadContext, [this] { openInThread(); }, Qt::QueuedConnection);
}

void StoreWorker::openInThread()
{
    auto opened = Store::open(m_url);
    if (!opened) {
        m_openError = opened.error();
        qCWarning(lcDb) << "Cannot open" << m_url.redacted() << ":" << m_openError;
        Q_EMIT failed(m_openError);
        return;
    }
    m_store = std::move(opened).value();
    forwardSignals();
    m_open = true;
    qCInfo(lcDb) << "Opened" << m_store->describe();
    Q_EMIT ready(m_store->describe());
}

void StoreWorker::forwardSignals()
{
    connect(&m_store->tenants(), &TenantStore::tenantsChanged, this, &StoreWorker::tenantsChanged,
            Qt::DirectConnection);
    connect(&m_store->tenants(), &TenantStore::settingsChanged, this, &StoreWorker::settingsChanged,
            Qt::DirectConnection);
    connect(&m_store->conversations(), &ConversationStore::messagesAppended, this,
            &StoreWorker::messagesAppended, Qt::DirectConnection);
    connect(&m_store->conversations(), &ConversationStore::conversationChanged, this,
            &StoreWorker::conversationChanged, Qt::DirectConnection);
    connect(&m_store->conversations(), &ConversationStore::messageUpdated, this,
            &StoreWorker::messageUpdated, Qt::DirectConnection);
    connect(&m_store->channels(), &ChannelStore::channelsChanged, this,
            &StoreWorker::channelsChanged, Qt::DirectConnection);
    connect(&m_store->outbox(), &OutboxStore::enqueued, this, &StoreWorker::outboxEnqueued,
            Qt::DirectConnection);
    connect(&m_store->catalog(), &CatalogStore::productsChanged, this,
            &StoreWorker::productsChanged, Qt::DirectConnection);
    connect(&m_store->catalog(), &CatalogStore::ordersChanged, this, &StoreWorker::ordersChanged,
            Qt::DirectConnection);
    connect(&m_store->knowledge(), &KnowledgeStore::documentsChanged, this,
            &StoreWorker::documentsChanged, Qt::DirectConnection);
    connect(&m_store->agent(), &AgentStore::intentExamplesChanged, this,
            &StoreWorker::intentExamplesChanged, Qt::DirectConnection);
    connect(&m_store->agent(), &AgentStore::remindersChanged, this, &StoreWorker::remindersChanged,
            Qt::DirectConnection);
    connect(&m_store->agent(), &AgentStore::traceAdded, this, &StoreWorker::traceAdded,
            Qt::DirectConnection);
}

} // namespace shopdesk
