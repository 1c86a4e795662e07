#pragma once

#include "domain/Conversation.h"
#include "domain/Message.h"
#include "storage/DatabaseUrl.h"
#include "storage/Store.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>
#include <type_traits>

namespace shopdesk {

class ChangeFeed;

// Owns the engine's database connection on its own named thread. Callers hand it jobs
// (Store& -> Result<T>) and get the result back on their own thread as a plain value; the
// stores' change signals are re-emitted here so models can subscribe without touching the thread.
class StoreWorker : public QObject
{
    Q_OBJECT
public:
    // Main: the engine's connection (migrates, re-emits the stores' signals, hears other nodes).
    // Inbox: a second PostgreSQL connection on a thread of its own for recording webhooks, so an
    // acknowledgement never waits behind the bot's work on the main one; it opens an
    // already-migrated database and sends no signals.
    // Reports: the same kind of connection for the analytics' long reads, at a lower priority
    // than the bot's (nice 10), so a manager's report never slows an answer.
    enum class Role { Main, Inbox, Reports };
    explicit StoreWorker(DatabaseUrl url, QObject *parent = nullptr, Role role = Role::Main);
    ~StoreWorker() override;

    // The data key that seals channel tokens and model keys (SecretBox): given (from the
    // keychain, or the main worker's key for the engine's other workers), or else read from the
    // key file in dataDir (SecretKeyStore) on the worker thread before the store opens.
    void setSecretKeySource(const QString &dataDir);
    void setSecretKey(const QByteArray &key) { m_secretKey = key; }
    QByteArray secretKey() const { return m_secretKey; } // after ready()
    QString secretKeyWhere() const { return m_secretKeyWhere; }

    void start(); // opens and migrates on the worker thread; then ready() or failed()
    void close(); // runs the queued jobs, closes the connection on its thread, ends the thread
    const DatabaseUrl &url() const { return m_url; }
    bool isOpen() const { return m_open; }
    // Shared PostgreSQL: listening for other nodes' and consoles' changes right now.
    bool hearsOtherNodes() const;

    // Urgent jobs (recording webhooks, whose acknowledgement a provider waits for) are served
    // before every normal one already queued (bot turns, the console's reads).
    enum class Priority { Normal, Urgent };

    template<typename Job, typename Done>
    void run(QObject *context, Job job, Done done, Priority priority = Priority::Normal)
    {
        using R = std::invoke_result_t<Job, Store &>;
        if (m_closed) {
            QMetaObject::invokeMethod(
                context,
                [done = std::move(done)]() mutable {
                    done(R::failure(tr("The engine has stopped.")));
                },
                Qt::QueuedConnection);
            return;
        }
        post(
            std::make_unique<JobTask<R, Job, Done>>(this, context, std::move(job), std::move(done)),
            priority);
    }

    // A job to run on the database thread, movable only (its lambda may own move-only data).
    // It runs, then hands its result over: at once, or after the commit of the group of jobs
    // it ran in (PostgreSQL), which can still turn its success into a failure.
    struct Task
    {
        virtual ~Task() = default;
        virtual void execute() = 0;
        virtual bool succeeded() const = 0;
        virtual void fail(const QString &error, ErrorKind kind) = 0; // the group did not commit
        virtual void deliver() = 0;
    };

Q_SIGNALS:
    void ready(const QString &description);
    void failed(const QString &message);

    void tenantsChanged();
    void settingsChanged(qint64 tenantId);
    void messagesAppended(qint64 tenantId, qint64 conversationId,
                          const QList<shopdesk::Message> &messages);
    void conversationChanged(qint64 tenantId, const shopdesk::Conversation &conversation);
    void messageUpdated(qint64 tenantId, const shopdesk::Message &message);
    void channelsChanged(qint64 tenantId);
    void outboxEnqueued(qint64 tenantId, qint64 outboxId);
    void productsChanged(qint64 tenantId);
    void ordersChanged(qint64 tenantId);
    // A customer's details or ledger changed.
    void customersChanged(qint64 tenantId);
    void documentsChanged(qint64 tenantId);
    void intentExamplesChanged(qint64 tenantId);
    void traceAdded(qint64 tenantId, qint64 conversationId);
    void remindersChanged(qint64 tenantId);
    void operatorsChanged(qint64 tenantId);
    // Shared PostgreSQL: the live feed was interrupted or too much changed at once elsewhere;
    // whatever shows this store (0: every store) should be read again.
    void resyncNeeded(qint64 tenantId);

private:
    template<typename R, typename Job, typename Done> struct JobTask final : Task
    {
        JobTask(StoreWorker *w, QObject *context, Job j, Done d)
            : worker(w)
            , receiver(context)
            , job(std::move(j))
            , done(std::move(d))
        {}
        void execute() override
        {
            ran = true;
            try {
                result = worker->m_store ? job(*worker->m_store) : R::failure(worker->m_openError);
            } catch (const SqlError &e) { // a joined transaction's failure, never expected here
                result = R::failure(QString::fromUtf8(e.what()), e.kind());
            }
        }
        bool succeeded() const override { return ran && bool(result); }
        void fail(const QString &error, ErrorKind kind) override
        {
            ran = true;
            result = R::failure(error, kind);
        }
        void deliver() override
        {
            if (!receiver || !ran)
                return;
            QMetaObject::invokeMethod(
                receiver.data(),
                [done = std::move(done), r = std::move(result)]() mutable { done(std::move(r)); },
                Qt::QueuedConnection);
        }
        StoreWorker *worker;
        QPointer<QObject> receiver;
        Job job;
        Done done;
        bool ran = false;
        R result = R::failure(QString());
    };
    // The connection whose jobs run in commit groups (PostgreSQL's main and inbox
    // connections), or null; on the database thread.
    SqlBackend *groupedBackend() const;
    void post(std::unique_ptr<Task> task, Priority priority);
    void openInThread();
    void forwardSignals();
    // Shared PostgreSQL: other nodes' commits, announced here as if they were this node's.
    void startFeed(const QString &tag);
    void announceRemote(const QStringList &keys);

    DatabaseUrl m_url;
    Role m_role;
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread; runs the jobs, urgent ones first
    std::unique_ptr<Store> m_store;     // created, used and destroyed on m_thread
    std::unique_ptr<ChangeFeed> m_feed; // on this object's thread
    QString m_openError = QStringLiteral("The database is not open yet.");
    std::atomic_bool m_open = false;
    bool m_closed = false; // after close(): jobs are answered with an error, never queued
    QString m_keyDataDir;
    QByteArray m_secretKey;
    QString m_secretKeyWhere;
};

} // namespace shopdesk
