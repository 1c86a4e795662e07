#include "StoreInboxSource.h"

#include "storage/AgentStore.h"
#include "storage/ConversationStore.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

namespace shopdesk {

StoreInboxSource::StoreInboxSource(StoreWorker &worker, QObject *parent)
    : InboxSource(parent)
    , m_worker(worker)
{
    connect(&m_worker, &StoreWorker::messagesAppended, this, &InboxSource::messagesAppended);
    connect(&m_worker, &StoreWorker::conversationChanged, this, &InboxSource::conversationChanged);
    connect(&m_worker, &StoreWorker::messageUpdated, this, &InboxSource::messageUpdated);
    connect(&m_worker, &StoreWorker::traceAdded, this, &InboxSource::traceAdded);
    connect(&m_worker, &StoreWorker::resyncNeeded, this, &InboxSource::resyncNeeded);
}

void StoreInboxSource::summaries(qint64 tenantId, QObject *context,
                                 std::function<void(Result<QList<ConversationSummary>>)> done)
{
    m_worker.run(
        context, [tenantId](Store &store) { return store.conversations().summaries(tenantId); },
        std::move(done));
}

void StoreInboxSource::messages(qint64 tenantId, qint64 conversationId, int limit, qint64 beforeId,
                                QObject *context, std::function<void(Result<QList<Message>>)> done)
{
    m_worker.run(
        context,
        [=](Store &store) {
            return store.conversations().latestMessages(tenantId, conversationId, limit, beforeId);
        },
        std::move(done));
}

void StoreInboxSource::traces(qint64 tenantId, qint64 conversationId, int limit, QObject *context,
                              std::function<void(Result<QList<ExecutionTrace>>)> done)
{
    m_worker.run(
        context,
        [=](Store &store) { return store.agent().traces(tenantId, conversationId, limit); },
        std::move(done));
}

} // namespace shopdesk
