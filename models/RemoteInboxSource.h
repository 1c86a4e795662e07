#pragma once

#include "InboxSource.h"

namespace shopdesk {

class RemoteConsoleClient;

// The inbox's data from a serve node, through the remote console API, as the signed-in
// person; its live events become this source's signals.
class RemoteInboxSource : public InboxSource
{
    Q_OBJECT
public:
    explicit RemoteInboxSource(RemoteConsoleClient &client, QObject *parent = nullptr);

    void summaries(qint64 tenantId, QObject *context,
                   std::function<void(Result<QList<ConversationSummary>>)> done) override;
    void messages(qint64 tenantId, qint64 conversationId, int limit, qint64 beforeId,
                  QObject *context, std::function<void(Result<QList<Message>>)> done) override;
    void traces(qint64 tenantId, qint64 conversationId, int limit, QObject *context,
                std::function<void(Result<QList<ExecutionTrace>>)> done) override;

private:
    RemoteConsoleClient &m_client;
};

} // namespace shopdesk
