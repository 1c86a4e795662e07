#include "storage/InboxStore.h"

#include "storage/SqlSupport.h"

#include <QSet>

#include <limits>

namespace shopdesk {

using namespace sql;

InboxStore::InboxStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

Result<QList<bool>> InboxStore::record(const QList<InboundEvent> &events)
{
    return guard([&] {
        return transaction(m_db, [&] {
            // Multi-row inserts; the rows that came back are the new ones. A key repeated
            // inside the batch (the same message delivered twice at once) is new only once.
            constexpr int kChunk = 100;
            const qint64 t = now();
            QSet<QPair<qint64, QString>> inserted;
            for (qsizetype from = 0; from < events.size(); from += kChunk) {
                const qsizetype count = std::min<qsizetype>(kChunk, events.size() - from);
                QString sql = QStringLiteral(
                    "INSERT INTO inbound_events (tenant_id, channel_id, provider_message_id, kind, "
                    "body, received_at) VALUES ");
                SqlParams params;
                params.reserve(count * 6);
                for (qsizetype i = 0; i < count; ++i) {
                    const InboundEvent &e = events.at(from + i);
                    sql += i ? QStringLiteral(", (?, ?, ?, ?, ?, ?)")
                             : QStringLiteral("(?, ?, ?, ?, ?, ?)");
                    params << e.tenantId << e.channelId << e.providerMessageId << e.kind
                           << QString::fromUtf8(e.body)
                           << (e.receivedAt.isValid() ? e.receivedAt.toMSecsSinceEpoch() : t);
                }
                sql += QStringLiteral(" ON CONFLICT (channel_id, provider_message_id) DO NOTHING "
                                      "RETURNING channel_id, provider_message_id");
                for (const SqlRow &r : m_db.query(sql, params))
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

Result<QList<InboundEvent>> InboxStore::unprocessed(int limit, qint64 afterId)
{
    return guard([&] {
        QList<InboundEvent> list;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT id, tenant_id, channel_id, provider_message_id, kind, body, "
                           "received_at FROM inbound_events WHERE processed_at IS NULL AND "
                           "id > ? ORDER BY id LIMIT ?"),
            {afterId, limit});
        for (const SqlRow &r : rows) {
            InboundEvent e;
            e.id = r[0].toLongLong();
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
        constexpr int kChunk = 100;
        const qint64 t = now();
        for (qsizetype from = 0; from < eventIds.size(); from += kChunk) {
            const qsizetype count = std::min<qsizetype>(kChunk, eventIds.size() - from);
            QString marks;
            SqlParams params{t};
            for (qsizetype i = 0; i < count; ++i) {
                marks += i ? QStringLiteral(", ?") : QStringLiteral("?");
                params << eventIds.at(from + i);
            }
            m_db.exec(QStringLiteral("UPDATE inbound_events SET processed_at = ? WHERE id IN (") +
                          marks + QLatin1Char(')'),
                      params);
        }
        return Done{};
    });
}

Result<qint64> InboxStore::countUnprocessed()
{
    return guard([&] {
        return m_db
            .query(QStringLiteral("SELECT COUNT(*) FROM inbound_events WHERE processed_at IS NULL"))
            .first()[0]
            .toLongLong();
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
        return !m_db.query(QStringLiteral("SELECT 1 FROM inbound_events WHERE id = ? AND "
                                          "processed_at IS NULL"),
                           {eventId})
                    .isEmpty();
    });
}

} // namespace shopdesk
