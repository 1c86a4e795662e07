#pragma once

#include "core/Result.h"
#include "domain/Conversation.h"
#include "domain/ExecutionTrace.h"
#include "domain/Message.h"

#include <QObject>

#include <functional>

namespace shopdesk {

// Where the inbox's models read chats, messages and the bot's traces, and hear them change:
// this computer's store (StoreInboxSource) or a serve node over the remote console API
// (RemoteInboxSource). Answers come on the caller's thread, through `context`.
class InboxSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void summaries(qint64 tenantId, QObject *context,
                           std::function<void(Result<QList<ConversationSummary>>)> done) = 0;
    // The newest `limit` messages older than beforeId (0: the newest), oldest first.
    virtual void messages(qint64 tenantId, qint64 conversationId, int limit, qint64 beforeId,
                          QObject *context, std::function<void(Result<QList<Message>>)> done) = 0;
    virtual void traces(qint64 tenantId, qint64 conversationId, int limit, QObject *context,
                        std::function<void(Result<QList<ExecutionTrace>>)> done) = 0;

Q_SIGNALS:
    void messagesAppended(qint64 tenantId, qint64 conversationId,
                          const QList<shopdesk::Message> &messages);
    void conversationChanged(qint64 tenantId, const shopdesk::Conversation &conversation);
    void messageUpdated(qint64 tenantId, const shopdesk::Message &message);
    void traceAdded(qint64 tenantId, qint64 conversationId);
    void resyncNeeded(qint64 tenantId); // 0: every store
};

} // namespace shopdesk
