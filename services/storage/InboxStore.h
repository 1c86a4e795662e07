#pragma once

#include "core/Result.h"
#include "domain/InboundEvent.h"

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

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
