#include "storage/InboxStore.h"

#include "storage/SqlSupport.h"

#include <QSet>

#include <limits>

namespace shopdesk {

using namespace sql;

namespace {

// "?, ?, ?" for n values.
QString marks(qsizetype n)
{
    return valuesRows(n, QStringLiteral("?"));
}

constexpr int kChunk = 100;

template<typename F> void inChunks(const QList<qint64> &ids, F &&f)
{
    for (qsizetype from = 0; from < ids.size(); from += kChunk) {
        const QList<qint64> chunk = ids.mid(from, kChunk);
        SqlParams params;
        for (qint64 id : chunk)
            params << id;
        f(chunk.size(), params);
    }
}

} // namespace

InboxStore::InboxStore(SqlBackend &db, SqlBackend &events, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_events(events)
{}

Status InboxStore::prepareFile()
{
    if (!inOwnFile())
        return Done{};
    return guard([&] {
        transaction(m_events, [&] {
            m_events.exec(QStringLiteral(
                "CREATE TABLE IF NOT EXISTS inbound_events (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "tenant_id INTEGER NOT NULL, channel_id INTEGER NOT NULL, provider_message_id "
                "TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'message', body TEXT NOT NULL, "
                "received_at INTEGER NOT NULL, processed_at INTEGER, UNIQUE (channel_id, "
                "provider_message_id))"));
            m_events.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS inbound_events_unprocessed ON "
                                         "inbound_events (id) WHERE processed_at IS NULL"));
        });
        return Done{};
    });
}

Status InboxStore::adoptMovedEvents()
{
    if (!inOwnFile())
        return Done{};
    return guard([&] {
        if (m_db.query(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                      "name = 'inbound_events_moved'"))
                .isEmpty())
            return Done{};
        // Copied in chunks, each its own transaction in the inbox file: a copy that stops half
        // way starts again where it stopped (an event already there is left as it is).
        qint64 after = 0;
        for (;;) {
            const SqlRows rows = m_db.query(
                QStringLiteral("SELECT id, tenant_id, channel_id, provider_message_id, kind, body, "
                               "received_at, processed_at FROM inbound_events_moved WHERE id > ? "
                               "ORDER BY id LIMIT 500"),
                {after});
            if (rows.isEmpty())
                break;
            transaction(m_events, [&] {
                for (const SqlRow &r : rows) {
                    SqlParams values;
                    for (const QVariant &v : r) // NULL stays NULL (not an empty text)
                        values << (v.isNull() ? QVariant() : v);
                    m_events.exec(QStringLiteral("INSERT INTO inbound_events (id, tenant_id, "
                                                 "channel_id, provider_message_id, kind, body, "
                                                 "received_at, processed_at) VALUES (?, ?, ?, ?, "
                                                 "?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                                  values);
                }
            });
            after = rows.last().at(0).toLongLong();
        }
        m_db.exec(QStringLiteral("DROP TABLE inbound_events_moved"));
        return Done{};
    });
}

Result<QList<bool>> InboxStore::record(const QList<InboundEvent> &events)
{
    return guard([&] {
        requireOwnChannels(events);
        return transaction(m_events, [&] {
            // Multi-row inserts; the rows that came back are the new ones. A key repeated
            // inside the batch (the same message delivered twice at once) is new only once.
            const qint64 t = now();
            QSet<QPair<qint64, QString>> inserted;
            for (qsizetype from = 0; from < events.size(); from += kChunk) {
                const qsizetype count = std::min<qsizetype>(kChunk, events.size() - from);
                SqlParams params;
                params.reserve(count * 6);
                for (qsizetype i = 0; i < count; ++i) {
                    const InboundEvent &e = events.at(from + i);
                    params << e.tenantId << e.channelId << e.providerMessageId << e.kind
                           << QString::fromUtf8(e.body)
                           << (e.receivedAt.isValid() ? e.receivedAt.toMSecsSinceEpoch() : t);
                }
                const QString sql =
                    QStringLiteral("INSERT INTO inbound_events (tenant_id, channel_id, "
                                   "provider_message_id, kind, body, received_at) VALUES ") +
                    valuesRows(count, QStringLiteral("(?, ?, ?, ?, ?, ?)")) +
                    QStringLiteral(" ON CONFLICT (channel_id, provider_message_id) DO NOTHING "
                                   "RETURNING channel_id, provider_message_id");
                for (const SqlRow &r : m_events.query(sql, params))
                    inserted.insert({r[0].toLongLong(), r[1].toString()});
            }
            QList<bool> fresh;
            fresh.reserve(events.size());
            for (const InboundEvent &e : events)
                fresh.append(inserted.remove({e.channelId, e.providerMessageId}));
            return fresh;
        });
    });
}

void InboxStore::requireOwnChannels(const QList<InboundEvent> &events)
{
    // An event names its store and its channel; the channel must be that store's. (The inbox
    // file has no foreign key into the store's database, so this is checked here; a channel
    // never changes its store, so what was checked once is kept.)
    for (const InboundEvent &e : events) {
        if (m_channelStore.value(e.channelId) == e.tenantId && e.tenantId != 0)
            continue;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT tenant_id FROM channels WHERE id = ?"), {e.channelId});
        const qint64 owner = rows.isEmpty() ? 0 : rows.first().at(0).toLongLong();
        if (owner == 0 || owner != e.tenantId)
            throw NotFound(
                QStringLiteral("Channel %1 is not one of this store's channels.").arg(e.channelId));
        m_channelStore.insert(e.channelId, owner);
    }
}

QSet<qint64> InboxStore::appliedNotSettled(const QList<qint64> &ids)
{
    QSet<qint64> applied;
    if (!inOwnFile() || ids.isEmpty())
        return applied;
    inChunks(ids, [&](qsizetype n, const SqlParams &params) {
        for (const SqlRow &r : m_db.query(QStringLiteral("SELECT event_id FROM inbox_applied "
                                                         "WHERE event_id IN (") +
                                              marks(n) + QLatin1Char(')'),
                                          params))
            applied.insert(r[0].toLongLong());
    });
    return applied;
}

Result<QList<InboundEvent>> InboxStore::unprocessed(int limit, qint64 afterId)
{
    return guard([&] {
        QList<InboundEvent> list;
        const SqlRows rows = m_events.query(
            QStringLiteral("SELECT id, tenant_id, channel_id, provider_message_id, kind, body, "
                           "received_at FROM inbound_events WHERE processed_at IS NULL AND "
                           "id > ? ORDER BY id LIMIT ?"),
            {afterId, limit});
        QList<qint64> ids;
        for (const SqlRow &r : rows)
            ids.append(r[0].toLongLong());
        // Applied by the store already, the inbox file not told yet (settle() tells it).
        const QSet<qint64> applied = appliedNotSettled(ids);
        for (const SqlRow &r : rows) {
            InboundEvent e;
            e.id = r[0].toLongLong();
            if (applied.contains(e.id))
                continue;
            e.tenantId = r[1].toLongLong();
            e.channelId = r[2].toLongLong();
            e.providerMessageId = r[3].toString();
            e.kind = r[4].toString();
            e.body = r[5].toString().toUtf8();
            e.receivedAt = time(r[6]);
            list.append(e);
        }
        return list;
    });
}

Status InboxStore::markProcessed(qint64 tenantId, qint64 eventId)
{
    if (inOwnFile())
        return markProcessed(QList<qint64>{eventId});
    return guard([&] {
        m_db.exec(QStringLiteral("UPDATE inbound_events SET processed_at = ? WHERE tenant_id = ? "
                                 "AND id = ?"),
                  {now(), tenantId, eventId});
        return Done{};
    });
}

Status InboxStore::markProcessed(const QList<qint64> &eventIds)
{
    return guard([&] {
        const qint64 t = now();
        inChunks(eventIds, [&](qsizetype n, const SqlParams &ids) {
            if (inOwnFile())
                m_db.exec(QStringLiteral("INSERT INTO inbox_applied (event_id) VALUES ") +
                              valuesRows(n, QStringLiteral("(?)")) +
                              QStringLiteral(" ON CONFLICT DO NOTHING"),
                          ids);
            else
                m_db.exec(QStringLiteral("UPDATE inbound_events SET processed_at = ? WHERE id "
                                         "IN (") +
                              marks(n) + QLatin1Char(')'),
                          SqlParams{t} + ids);
        });
        return Done{};
    });
}

Status InboxStore::settle()
{
    if (!inOwnFile())
        return Done{};
    return guard([&] {
        for (;;) {
            QList<qint64> ids;
            for (const SqlRow &r : m_db.query(QStringLiteral("SELECT event_id FROM inbox_applied "
                                                             "ORDER BY event_id LIMIT 100")))
                ids.append(r[0].toLongLong());
            if (ids.isEmpty())
                return Done{};
            // The file first: until it is told, the store's rows keep the events from being
            // handed out again. A hundred at a time, so a webhook being recorded meanwhile
            // waits for the inbox file's lock no longer than that.
            const qint64 t = now();
            transaction(m_events, [&] {
                inChunks(ids, [&](qsizetype n, const SqlParams &chunk) {
                    m_events.exec(QStringLiteral("UPDATE inbound_events SET processed_at = ? "
                                                 "WHERE processed_at IS NULL AND id IN (") +
                                      marks(n) + QLatin1Char(')'),
                                  SqlParams{t} + chunk);
                });
            });
            transaction(m_db, [&] {
                inChunks(ids, [&](qsizetype n, const SqlParams &chunk) {
                    m_db.exec(QStringLiteral("DELETE FROM inbox_applied WHERE event_id IN (") +
                                  marks(n) + QLatin1Char(')'),
                              chunk);
                });
            });
        }
    });
}

Result<qint64> InboxStore::countUnprocessed()
{
    return guard([&] {
        qint64 waiting = m_events
                             .query(QStringLiteral(
                                 "SELECT COUNT(*) FROM inbound_events WHERE processed_at IS NULL"))
                             .first()[0]
                             .toLongLong();
        if (inOwnFile())
            waiting -= m_db.query(QStringLiteral("SELECT COUNT(*) FROM inbox_applied"))
                           .first()[0]
                           .toLongLong();
        return std::max<qint64>(0, waiting);
    });
}

Status InboxStore::lockForProcessing()
{
    if (m_db.dialect() != SqlBackend::Dialect::Postgres)
        return Done{};
    return guard([&] {
        m_db.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7405124)"), {});
        return Done{};
    });
}

Result<bool> InboxStore::isUnprocessed(qint64 eventId)
{
    return guard([&] {
        return !m_events
                    .query(QStringLiteral("SELECT 1 FROM inbound_events WHERE id = ? AND "
                                          "processed_at IS NULL"),
                           {eventId})
                    .isEmpty() &&
               appliedNotSettled({eventId}).isEmpty();
    });
}

Status InboxStore::eraseCustomer(qint64 tenantId, const QStringList &providerIds,
                                 const QString &phone)
{
    return guard([&] {
        transaction(m_events, [&] {
            for (qsizetype from = 0; from < providerIds.size(); from += kChunk) {
                const QStringList chunk = providerIds.mid(from, kChunk);
                SqlParams params{tenantId};
                for (const QString &id : chunk)
                    params << id;
                m_events.exec(QStringLiteral("DELETE FROM inbound_events WHERE tenant_id = ? AND "
                                             "provider_message_id IN (") +
                                  marks(chunk.size()) + QLatin1Char(')'),
                              params);
            }
            // Status updates and other webhooks that name the customer by their number.
            if (phone.size() >= 6)
                m_events.exec(m_events.dialect() == SqlBackend::Dialect::Postgres
                                  ? QStringLiteral("DELETE FROM inbound_events WHERE tenant_id = "
                                                   "? AND strpos(body, ?) > 0")
                                  : QStringLiteral("DELETE FROM inbound_events WHERE tenant_id = "
                                                   "? AND instr(body, ?) > 0"),
                              {tenantId, phone});
        });
        return Done{};
    });
}

Result<int> InboxStore::pruneProcessed(qint64 receivedBeforeMs, int limit)
{
    return guard([&] {
        constexpr int kPerStatement = 1000; // short statements: the webhooks keep being recorded
        int total = 0;
        while (total < limit) {
            const int deleted =
                int(m_events
                        .query(QStringLiteral("DELETE FROM inbound_events WHERE id IN (SELECT id "
                                              "FROM inbound_events WHERE processed_at IS NOT "
                                              "NULL AND received_at < ? ORDER BY id LIMIT ?) "
                                              "RETURNING id"),
                               {receivedBeforeMs, std::min(kPerStatement, limit - total)})
                        .size());
            total += deleted;
            if (deleted < kPerStatement)
                break;
        }
        return total;
    });
}

} // namespace shopdesk
