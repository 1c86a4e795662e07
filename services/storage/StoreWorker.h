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

// Owns the engine's database connection on its own named thread. Callers hand it jobs
// (Store& -> Result<T>) and get the result back on their own thread as a plain value; the
// stores' change signals are re-emitted here so models can subscribe without touching the thread.
class StoreWorker : public QObject
{
    Q_OBJECT
public:
    explicit StoreWorker(DatabaseUrl url, QObject *parent = nullptr);
    ~StoreWorker() override;

    void start(); // opens and migrates on the worker thread; then ready() or failed()
    void close(); // runs the queued jobs, closes the connection on its thread, ends the thread
    const DatabaseUrl &url() const { return m_url; }
    bool isOpen() const { return m_open; }

    template<typename Job, typename Done> void run(QObject *context, Job job, Done done)
    {
        using R = std::invoke_result_t<Job, Store &>;
        QPointer<QObject> receiver(context);
        if (m_closed) {
            QMetaObject::invokeMethod(
                context,
                [done = std::move(done)]() mutable {
                    done(R::failure(tr("The engine has stopped.")));
                },
                Qt::QueuedConnection);
            return;
        }
        QMetaObject::invokeMethod(
            m_threadContext,
            [this, receiver, job = std::move(job), done = std::move(done)]() mutable {
                R result = m_store ? job(*m_store) : R::failure(m_openError);
                if (!receiver)
                    return;
                QMetaObject::invokeMethod(
                    receiver.data(),
                    [done = std::move(done), result = std::move(result)]() mutable {
                        done(std::move(result));
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

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
    void documentsChanged(qint64 tenantId);
    void intentExamplesChanged(qint64 tenantId);
    void traceAdded(qint64 tenantId, qint64 conversationId);
    void remindersChanged(qint64 tenantId);

private:
    void openInThread();
    void forwardSignals();

    DatabaseUrl m_url;
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread; jobs run as its queued calls
    std::unique_ptr<Store> m_store;     // created, used and destroyed on m_thread
    QString m_openError = QStringLiteral("The database is not open yet.");
    std::atomic_bool m_open = false;
    bool m_closed = false; // after close(): jobs are answered with an error, never queued
};

} // namespace shopdesk
