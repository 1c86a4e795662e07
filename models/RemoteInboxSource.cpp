#include "RemoteInboxSource.h"

#include "remote/RemoteConsoleClient.h"

namespace shopdesk {

RemoteInboxSource::RemoteInboxSource(RemoteConsoleClient &client, QObject *parent)
    : InboxSource(parent)
    , m_client(client)
{
    connect(&m_client, &RemoteConsoleClient::messagesAppended, this,
            &InboxSource::messagesAppended);
    connect(&m_client, &RemoteConsoleClient::conversationChanged, this,
            &InboxSource::conversationChanged);
    connect(&m_client, &RemoteConsoleClient::messageUpdated, this, &InboxSource::messageUpdated);
    connect(&m_client, &RemoteConsoleClient::traceAdded, this, &InboxSource::traceAdded);
    connect(&m_client, &RemoteConsoleClient::resyncNeeded, this, &InboxSource::resyncNeeded);
}

// The node answers for the signed-in person's store only: tenantId is the client's own.
void RemoteInboxSource::summaries(qint64, QObject *context,
                                  std::function<void(Result<QList<ConversationSummary>>)> done)
{
    m_client.conversations(context, std::move(done));
}

void RemoteInboxSource::messages(qint64, qint64 conversationId, int limit, qint64 beforeId,
                                 QObject *context, std::function<void(Result<QList<Message>>)> done)
{
    m_client.messages(conversationId, context, std::move(done), limit, beforeId);
}

void RemoteInboxSource::traces(qint64, qint64 conversationId, int limit, QObject *context,
                               std::function<void(Result<QList<ExecutionTrace>>)> done)
{
    m_client.traces(conversationId, limit, context, std::move(done));
}

} // namespace shopdesk
