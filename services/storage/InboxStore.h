#pragma once

#include "core/Result.h"
#include "domain/InboundEvent.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>

namespace shopdesk {

class SqlBackend;

// The durable inbox: webhook items recorded once per (channel, provider id) before the provider
// is answered, and handed to processing afterwards, in the order they arrived.
//
// On PostgreSQL the events live in the store's database and an event is marked processed in the
// transaction that applies it. On SQLite they live in a file of their own beside the store
// (`<database>-inbox`), so recording a webhook never waits for the store's write lock (held by
// the bot's and the console's writes): applying events marks them applied in the store's
// transaction (`inbox_applied`), and settle() then marks them processed in the inbox file. An
// event is handed out again only when it is neither processed in the file nor applied in the
// store, so a crash between the two steps applies nothing twice.
class InboxStore : public QObject
{
    Q_OBJECT
public:
    // db: the store's database; events: where the events live (db itself on PostgreSQL).
    InboxStore(SqlBackend &db, SqlBackend &events, QObject *parent = nullptr);

    // The inbox file's own table (SQLite), made when missing; then the events an older version
    // kept in the store's database (renamed by migration 016) are moved into it.
    Status prepareFile();
    Status adoptMovedEvents();

    // Records all events in one transaction (group commit). For each: true when it is new,
    // false when it was already recorded (a repeated delivery).
    Result<QList<bool>> record(const QList<InboundEvent> &events);
    // Events not processed yet, oldest first, across all stores (the engine processes them all).
    // Call it inside the store's transaction that applies them.
    Result<QList<InboundEvent>> unprocessed(int limit, qint64 afterId = 0);
    // Inside the store's transaction that applied them: these events are done.
    Status markProcessed(qint64 tenantId, qint64 eventId);
    Status markProcessed(const QList<qint64> &eventIds); // the engine's own pass, all stores
    // After that transaction committed: the inbox file learns which events are done (SQLite).
    Status settle();
    Result<qint64> countUnprocessed();
    // Inside a transaction, before reading unprocessed events: on PostgreSQL, waits until no
    // other node is processing the inbox (a transaction-scoped advisory lock), so each event is
    // applied by one node, once, in arrival order. SQLite has one writer and one node: nothing.
    Status lockForProcessing();
    // Whether the event still waits (another node may have processed it meanwhile).
    Result<bool> isUnprocessed(qint64 eventId);
    // A customer's erasure: the raw webhooks their messages came in (by provider id) and any
    // that name their number.
    Status eraseCustomer(qint64 tenantId, const QStringList &providerIds, const QString &phone);
    // Housekeeping: raw webhooks processed and received before `receivedBeforeMs` are deleted,
    // oldest first, at most `limit` (the messages made from them stay; a provider's late
    // redelivery is still recognised by its message id). Returns how many went.
    Result<int> pruneProcessed(qint64 receivedBeforeMs, int limit = 50000);

    bool inOwnFile() const { return &m_db != &m_events; }

private:
    QSet<qint64> appliedNotSettled(const QList<qint64> &ids);
    void requireOwnChannels(const QList<InboundEvent> &events); // throws NotFound

    SqlBackend &m_db;
    SqlBackend &m_events;
    QHash<qint64, qint64> m_channelStore; // channel -> its store, as checked
};

} // namespace shopdesk
