#pragma once

#include "core/Result.h"
#include "messaging/OutboundDraft.h"
#include "storage/OutboxStore.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// Sending, as the console, the CLI and the agent see it: checks the conversation's channel and
// its 24-hour window, and writes the bubble and the outbox row in one transaction. A free-form
// message outside the window is refused here, before anything is sent.
class MessagingService : public QObject
{
    Q_OBJECT
public:
    explicit MessagingService(StoreWorker &store, QObject *parent = nullptr);

    void send(const OutboundDraft &draft, QObject *context,
              std::function<void(Result<Message>)> done);

    // The same, on the database thread (inside a caller's transaction when there is one).
    static Result<OutboxStore::Enqueued> enqueue(Store &store, const OutboundDraft &draft);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
