#include "storage/StoreWorker.h"

#include "storage/SecretKeyStore.h"

#include "core/Logging.h"
#include "storage/ChangeFeed.h"
#include "storage/PostgresBackend.h"
#include "storage/RemoteChanges.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <deque>
#include <mutex>
#include <optional>

namespace shopdesk {

namespace {

const QEvent::Type kWake = QEvent::Type(QEvent::registerEventType());

// Lives on the database thread and runs the jobs handed to it, always the oldest urgent one
// first, then the oldest normal one. (Qt's own event priorities cannot do this: an event posted
// while a batch of events is being delivered waits for the whole batch.) On PostgreSQL the jobs
// queued together run as one commit group: one transaction, a savepoint per job, one commit
// (one flush to disk) for all of them, and their results handed over after it.
class JobRunner final : public QObject
{
public:
    using Task = StoreWorker::Task;
    static constexpr int kMaxGroup = 64;      // jobs in one commit
    static constexpr qint64 kMaxGroupMs = 20; // nor longer than this before committing

    explicit JobRunner(std::function<SqlBackend *()> groupedBackend)
        : m_groupedBackend(std::move(groupedBackend))
    {}

    void push(std::unique_ptr<Task> task, bool urgent)
    {
        {
            const std::lock_guard lock(m_mutex);
            (urgent ? m_urgent : m_normal).push_back(std::move(task));
            if (m_wakePosted)
                return;
            m_wakePosted = true;
        }
        QCoreApplication::postEvent(this, new QEvent(kWake));
    }

    bool event(QEvent *e) override
    {
        if (e->type() != kWake)
            return QObject::event(e);
        while (std::unique_ptr<Task> task = take()) {
            SqlBackend *db = m_groupedBackend();
            if (!db || db->inTransaction() || !hasMore()) {
                task->execute();
                task->deliver();
                continue;
            }
            runGroup(*db, std::move(task));
        }
        return true;
    }

private:
    std::unique_ptr<Task> take()
    {
        const std::lock_guard lock(m_mutex);
        std::deque<std::unique_ptr<Task>> &from = m_urgent.empty() ? m_normal : m_urgent;
        if (from.empty()) {
            m_wakePosted = false;
            return nullptr;
        }
        std::unique_ptr<Task> task = std::move(from.front());
        from.pop_front();
        return task;
    }

    bool hasMore()
    {
        const std::lock_guard lock(m_mutex);
        return !m_urgent.empty() || !m_normal.empty();
    }

    void runGroup(SqlBackend &db, std::unique_ptr<Task> first)
    {
        try {
            db.beginGroup();
        } catch (const SqlError &) { // the job meets the same failure and reports it
            first->execute();
            first->deliver();
            return;
        }
        std::vector<std::unique_ptr<Task>> ran;
        std::optional<SqlError> lost;
        QElapsedTimer elapsed;
        elapsed.start();
        std::unique_ptr<Task> task = std::move(first);
        while (task) {
            try {
                db.beginGroupMember();
                task->execute();
                if (!db.endGroupMember(task->succeeded()) && task->succeeded())
                    task->fail(
                        StoreWorker::tr("A step of this change failed, so none of it was saved."),
                        ErrorKind::Failed);
            } catch (const SqlError &e) {
                lost = e; // the connection went: nothing in the group was saved
                task->fail(QString::fromUtf8(e.what()), e.kind());
            }
            ran.push_back(std::move(task));
            if (lost || int(ran.size()) >= kMaxGroup || elapsed.elapsed() >= kMaxGroupMs ||
                !hasMore())
                break;
            task = take();
        }
        if (!lost) {
            try {
                db.commit();
            } catch (const SqlError &e) {
                lost = e;
            }
        } else {
            db.rollback();
        }
        for (const std::unique_ptr<Task> &t : ran) {
            if (lost && t->succeeded())
                t->fail(QString::fromUtf8(lost->what()), lost->kind());
            t->deliver();
        }
    }

    std::function<SqlBackend *()> m_groupedBackend;
    std::mutex m_mutex;
    std::deque<std::unique_ptr<Task>> m_urgent;
    std::deque<std::unique_ptr<Task>> m_normal;
    bool m_wakePosted = false;
};

} // namespace

SqlBackend *StoreWorker::groupedBackend() const
{
    if (!m_store || m_role == Role::Reports)
        return nullptr;
    SqlBackend &db = m_store->backend();
    return db.dialect() == SqlBackend::Dialect::Postgres ? &db : nullptr;
}

void StoreWorker::post(std::unique_ptr<Task> task, Priority priority)
{
    static_cast<JobRunner *>(m_threadContext)->push(std::move(task), priority == Priority::Urgent);
}

StoreWorker::StoreWorker(DatabaseUrl url, QObject *parent, Role role)
    : QObject(parent)
    , m_url(std::move(url))
    , m_role(role)
    , m_threadContext(new JobRunner([this] { return groupedBackend(); }))
{
    m_thread.setObjectName(role == Role::Main    ? QStringLiteral("shopdesk-db")
                           : role == Role::Inbox ? QStringLiteral("shopdesk-inbox")
                                                 : QStringLiteral("shopdesk-reports"));
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
    m_feed.reset();
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

void StoreWorker::setSecretKeySource(const QString &dataDir)
{
    m_keyDataDir = dataDir;
}

void StoreWorker::openInThread()
{
    if (m_secretKey.isEmpty() && !m_keyDataDir.isEmpty()) {
        auto key = SecretKeyStore::load(m_keyDataDir, false);
        if (!key) {
            m_openError = key.error();
            qCWarning(lcDb) << "No data key:" << m_openError;
            Q_EMIT failed(m_openError);
            return;
        }
        m_secretKey = key.value().bytes;
        m_secretKeyWhere = key.value().where;
    }
    auto opened = Store::open(m_url, m_role == Role::Main);
    if (!opened) {
        m_openError = opened.error();
        qCWarning(lcDb) << "Cannot open" << m_url.redacted() << ":" << m_openError;
        Q_EMIT failed(m_openError);
        return;
    }
    m_store = std::move(opened).value();
    if (!m_secretKey.isEmpty())
        m_store->setSecretBox(SecretBox(m_secretKey));
    if (m_role == Role::Main && !m_secretKey.isEmpty()) {
        // Secrets saved before they were sealed (an older version) are sealed now.
        auto sealed = m_store->sealPlainSecrets();
        if (!sealed)
            qCWarning(lcDb) << "Could not seal the saved secrets:" << sealed.error();
        else if (sealed.value() > 0)
            qCInfo(lcDb) << "Sealed" << sealed.value() << "saved secrets with the data key";
    }
#ifdef Q_OS_LINUX
    // Under a full CPU the webhooks' thread comes first: this one (the bot's reads and writes,
    // the console's) runs at a lower priority (nice 5); the inbox thread keeps the default.
    if (m_role != Role::Inbox)
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), m_role == Role::Main ? 5 : 10);
#endif
    if (m_role == Role::Reports) {
        const Status tuned = m_store->tuneForReports();
        if (!tuned)
            qCWarning(lcDb) << "Reports run with the default settings:" << tuned.error();
    }
    if (m_role != Role::Main) {
        m_open = true;
        Q_EMIT ready(m_store->describe());
        return;
    }
    forwardSignals();
    if (auto *pg = dynamic_cast<PostgresBackend *>(&m_store->backend()))
        QMetaObject::invokeMethod(
            this, [this, tag = pg->changeTag()] { startFeed(tag); }, Qt::QueuedConnection);
    m_open = true;
    qCInfo(lcDb) << "Opened" << m_store->describe();
    Q_EMIT ready(m_store->describe());
}

bool StoreWorker::hearsOtherNodes() const
{
    return m_feed && m_feed->isListening();
}

void StoreWorker::startFeed(const QString &tag)
{
    if (m_closed || m_feed)
        return;
    m_feed = std::make_unique<ChangeFeed>(m_url.postgresConnectionString(), tag);
    connect(m_feed.get(), &ChangeFeed::changed, this, &StoreWorker::announceRemote);
    connect(m_feed.get(), &ChangeFeed::missed, this, [this] { Q_EMIT resyncNeeded(0); });
    m_feed->start();
}

void StoreWorker::announceRemote(const QStringList &keys)
{
    run(
        this, [keys](Store &s) { return Result<RemoteChanges>(RemoteChanges::resolve(s, keys)); },
        [this](Result<RemoteChanges> r) {
            if (!r)
                return;
            const RemoteChanges &c = r.value();
            if (c.tenants)
                Q_EMIT tenantsChanged();
            for (const auto &[tenant, conversation] : c.conversations)
                Q_EMIT conversationChanged(tenant, conversation);
            for (const RemoteChanges::Appended &a : c.appended)
                Q_EMIT messagesAppended(a.tenantId, a.conversationId, a.messages);
            for (const auto &[tenant, message] : c.updated)
                Q_EMIT messageUpdated(tenant, message);
            for (const auto &[tenant, conversation] : c.traces)
                Q_EMIT traceAdded(tenant, conversation);
            for (const auto &[kind, tenant] : c.perStore) {
                switch (kind.toLatin1()) {
                case 's':
                    Q_EMIT settingsChanged(tenant);
                    break;
                case 'h':
                    Q_EMIT channelsChanged(tenant);
                    break;
                case 'o':
                    Q_EMIT ordersChanged(tenant);
                    break;
                case 'p':
                    Q_EMIT productsChanged(tenant);
                    break;
                case 'k':
                    Q_EMIT customersChanged(tenant);
                    break;
                case 'd':
                    Q_EMIT documentsChanged(tenant);
                    break;
                case 'i':
                    Q_EMIT intentExamplesChanged(tenant);
                    break;
                case 'r':
                    Q_EMIT remindersChanged(tenant);
                    break;
                case 'w':
                    Q_EMIT operatorsChanged(tenant);
                    break;
                default:
                    break;
                }
            }
            for (const qint64 tenant : c.resync) {
                if (tenant > 0) { // everything of one store: every per-store view reads again
                    Q_EMIT settingsChanged(tenant);
                    Q_EMIT channelsChanged(tenant);
                    Q_EMIT ordersChanged(tenant);
                    Q_EMIT productsChanged(tenant);
                    Q_EMIT customersChanged(tenant);
                    Q_EMIT documentsChanged(tenant);
                    Q_EMIT remindersChanged(tenant);
                    Q_EMIT operatorsChanged(tenant);
                } else {
                    Q_EMIT tenantsChanged();
                }
                Q_EMIT resyncNeeded(tenant);
            }
        });
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
    connect(&m_store->operators(), &OperatorStore::operatorsChanged, this,
            &StoreWorker::operatorsChanged, Qt::DirectConnection);
    connect(&m_store->channels(), &ChannelStore::channelsChanged, this,
            &StoreWorker::channelsChanged, Qt::DirectConnection);
    connect(&m_store->outbox(), &OutboxStore::enqueued, this, &StoreWorker::outboxEnqueued,
            Qt::DirectConnection);
    connect(&m_store->catalog(), &CatalogStore::productsChanged, this,
            &StoreWorker::productsChanged, Qt::DirectConnection);
    connect(&m_store->catalog(), &CatalogStore::ordersChanged, this, &StoreWorker::ordersChanged,
            Qt::DirectConnection);
    connect(&m_store->ledger(), &LedgerStore::customersChanged, this,
            &StoreWorker::customersChanged, Qt::DirectConnection);
    connect(&m_store->customers(), &CustomerStore::customersChanged, this,
            &StoreWorker::customersChanged, Qt::DirectConnection);
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
