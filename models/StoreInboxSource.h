#pragma once

#include "InboxSource.h"

namespace shopdesk {

class StoreWorker;

// The inbox's data from this computer's store (SQLite, or the shared PostgreSQL).
class StoreInboxSource : public InboxSource
{
    Q_OBJECT
public:
    explicit StoreInboxSource(StoreWorker &worker, QObject *parent = nullptr);

    void summaries(qint64 tenantId, QObject *context,
                   std::function<void(Result<QList<ConversationSummary>>)> done) override;
    void messages(qint64 tenantId, qint64 conversationId, int limit, qint64 beforeId,
                  QObject *context, std::function<void(Result<QList<Message>>)> done) override;
    void traces(qint64 tenantId, qint64 conversationId, int limit, QObject *context,
                std::function<void(Result<QList<ExecutionTrace>>)> done) override;

private:
    StoreWorker &m_worker;
};

} // namespace shopdesk
