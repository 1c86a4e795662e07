#pragma once

#include "core/Result.h"
#include "domain/InboundEvent.h"

#include <QDateTime>
#include <QObject>

namespace shopdesk {

class SqlBackend;

// The durable inbox: webhook items recorded once per (channel, provider id) before the provider
// is answered, and handed to processing afterwards, in the order they arrived.
class InboxStore : public QObject
{
    Q_OBJECT
public:
    explicit InboxStore(SqlBackend &db, QObject *parent = nullptr);

    // Records all events in one transaction (group commit). For each: true when it is new,
    // false when it was already recorded (a repeated delivery).
    Result<QList<bool>> record(const QList<InboundEvent> &events);
    // Events not processed yet, oldest first, across all stores (the engine processes them all).
    Result<QList<InboundEvent>> unprocessed(int limit, qint64 afterId = 0);
    Status markProcessed(qint64 tenantId, qint64 eventId);
    Status markProcessed(const QList<qint64> &eventIds); // the engine's own pass, all stores
    Result<qint64> countUnprocessed();
    // Inside a transaction, before reading unprocessed events: on PostgreSQL, waits until no
    // other node is processing the inbox (a transaction-scoped advisory lock), so each event is
    // applied by one node, once, in arrival order. SQLite has one writer and one node: nothing.
    Status lockForProcessing();
    // Whether the event still waits (another node may have processed it meanwhile).
    Result<bool> isUnprocessed(qint64 eventId);

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
