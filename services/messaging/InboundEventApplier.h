#pragma once

#include "domain/InboundEvent.h"
#include "domain/Message.h"
#include "messaging/MediaJob.h"

#include <QHash>
#include <QSet>

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

    // One processing pass over many events, inside one transaction: each customer's
    // conversation is resolved once, and customer messages are written together (one update
    // per conversation, multi-row inserts) when the pass is flushed, or earlier when a later
    // event needs them in place (a status, a store reply, a reply quoting one of them).
    struct Pass
    {
        QHash<QString, qint64> conversations; // store|channel|customer|name -> conversation
        QHash<qint64, QList<Message>> drafts; // store -> messages waiting to be written
        QHash<qint64, QList<MediaJob>> jobs;  // store -> their media, by position
        QSet<QString> draftIds;               // provider ids of the drafts
    };

    static Outcome apply(Store &store, const InboundEvent &event, const QString &provider,
                         Pass *pass = nullptr);
    // Writes the pass's waiting messages; their outcome (customer messages, media jobs).
    static Outcome flush(Store &store, Pass &pass);
};

} // namespace shopdesk
