#pragma once

#include "domain/InboundEvent.h"
#include "domain/Message.h"
#include "messaging/MediaJob.h"

#include <QHash>

namespace shopdesk {

class Store;

// Applies one recorded inbound event to the store (on the database thread, inside the caller's
// transaction): a message becomes a chat bubble in the customer's open conversation, a status
// moves a sent message forward. Throws on database errors so the caller can roll back.
class InboundEventApplier
{
public:
    struct Outcome
    {
        bool done = true; // false: wait and retry (a status for a send not yet recorded)
        QList<Message> customerMessages;
        QList<MediaJob> media;
    };

    // Statuses whose message is unknown are retried for this long, then dropped.
    static constexpr qint64 kStatusWaitMs = 10 * 60 * 1000;

    // Conversations already resolved in this pass, by store, channel and customer: a burst from
    // one customer opens their conversation once.
    using ConversationCache = QHash<QString, qint64>;

    static Outcome apply(Store &store, const InboundEvent &event, const QString &provider,
                         ConversationCache *cache = nullptr);
};

} // namespace shopdesk
