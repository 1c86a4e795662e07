#include "storage/ChannelStore.h"

#include "storage/SecretBox.h"
#include "storage/SqlSupport.h"

#include <QUuid>

namespace shopdesk {

using namespace sql;

namespace {

const QString kChannelColumns =
    QStringLiteral("id, tenant_id, provider, name, config, webhook_key, enabled, created_at");

Channel rawChannelFrom(const SqlRow &r)
{
    Channel c;
    c.id = r[0].toLongLong();
    c.tenantId = r[1].toLongLong();
    c.provider = r[2].toString();
    c.name = r[3].toString();
    c.configJson = r[4].toString();
    c.webhookKey = r[5].toString();
    c.enabled = r[6].toInt() != 0;
    c.createdAt = time(r[7]);
    return c;
}

} // namespace

ChannelStore::ChannelStore(SqlBackend &db, const SecretBox &secrets, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_secrets(secrets)
{}

Channel ChannelStore::channelFrom(const SqlRow &r) const
{
    Channel c = rawChannelFrom(r);
    c.configJson = need(m_secrets.openFields(c.configJson));
    return c;
}

Result<int> ChannelStore::sealPlainSecrets()
{
    if (!m_secrets.hasKey())
        return 0;
    return guard([&] {
        int sealed = 0;
        for (const SqlRow &r :
             m_db.query(QStringLiteral("SELECT id, tenant_id, config FROM channels ORDER BY id"))) {
            const QString config = r[2].toString();
            if (!SecretBox::hasPlainSecret(config))
                continue;
            m_db.exec(
                QStringLiteral("UPDATE channels SET config = ? WHERE tenant_id = ? AND id = ?"),
                {need(m_secrets.sealFields(config)), r[1], r[0]});
            ++sealed;
        }
        return sealed;
    });
}

Result<Channel> ChannelStore::addChannel(qint64 tenantId, const Channel &channel)
{
    auto result = guard([&] {
        const QString key = channel.webhookKey.isEmpty()
                                ? QUuid::createUuid().toString(QUuid::Id128).left(20)
                                : channel.webhookKey;
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO channels (tenant_id, provider, name, config, webhook_key, "
                           "enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ") +
                kChannelColumns,
            {tenantId, channel.provider, channel.name,
             need(m_secrets.sealFields(channel.configJson.isEmpty() ? QStringLiteral("{}")
                                                                    : channel.configJson)),
             key, channel.enabled ? 1 : 0, now()});
        return channelFrom(rows.first());
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT channelsChanged(tenantId); },
                         QStringLiteral("h:%1").arg(tenantId));
    return result;
}

Result<Channel> ChannelStore::updateChannel(qint64 tenantId, const Channel &channel)
{
    auto result = guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("UPDATE channels SET name = ?, config = ?, enabled = ? "
                           "WHERE tenant_id = ? AND id = ? RETURNING ") +
                kChannelColumns,
            {channel.name,
             need(m_secrets.sealFields(channel.configJson.isEmpty() ? QStringLiteral("{}")
                                                                    : channel.configJson)),
             channel.enabled ? 1 : 0, tenantId, channel.id});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("Channel %1 does not exist in this store.").arg(channel.id));
        return channelFrom(rows.first());
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT channelsChanged(tenantId); },
                         QStringLiteral("h:%1").arg(tenantId));
    return result;
}

Result<QList<Channel>> ChannelStore::channels(qint64 tenantId)
{
    return guard([&] {
        QList<Channel> list;
        for (const SqlRow &r :
             m_db.query(QStringLiteral("SELECT ") + kChannelColumns +
                            QStringLiteral(" FROM channels WHERE tenant_id = ? ORDER BY id"),
                        {tenantId}))
            list.append(channelFrom(r));
        return list;
    });
}

Result<Channel> ChannelStore::channel(qint64 tenantId, qint64 channelId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + kChannelColumns +
                                            QStringLiteral(" FROM channels WHERE tenant_id = ? "
                                                           "AND id = ?"),
                                        {tenantId, channelId});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("Channel %1 does not exist in this store.").arg(channelId));
        return channelFrom(rows.first());
    });
}

Result<QList<Channel>> ChannelStore::allChannels(bool enabledOnly)
{
    // The one query not scoped by a store: it is how a webhook finds its store.
    return guard([&] {
        QList<Channel> list;
        for (const SqlRow &r : m_db.query(
                 QStringLiteral("SELECT ") + kChannelColumns +
                 (enabledOnly ? QStringLiteral(" FROM channels WHERE enabled = 1 ORDER BY id")
                              : QStringLiteral(" FROM channels ORDER BY id"))))
            list.append(channelFrom(r));
        return list;
    });
}

void ChannelStore::ensureHealthRow(qint64 tenantId, qint64 channelId)
{
    m_db.exec(QStringLiteral("INSERT INTO channel_health (channel_id, tenant_id) VALUES (?, ?) "
                             "ON CONFLICT (channel_id) DO NOTHING"),
              {channelId, tenantId});
}

Result<ChannelHealth> ChannelStore::health(qint64 tenantId, qint64 channelId)
{
    return guard([&] {
        ChannelHealth h;
        h.channelId = channelId;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT last_webhook_at, rejected_count, last_rejected_at, "
                           "last_rejected_reason, send_failures, last_send_failure_at, "
                           "last_send_failure_reason FROM channel_health WHERE tenant_id = ? "
                           "AND channel_id = ?"),
            {tenantId, channelId});
        if (rows.isEmpty())
            return h;
        const SqlRow &r = rows.first();
        h.lastWebhookAt = time(r[0]);
        h.rejectedCount = r[1].toLongLong();
        h.lastRejectedAt = time(r[2]);
        h.lastRejectedReason = r[3].toString();
        h.sendFailures = r[4].toLongLong();
        h.lastSendFailureAt = time(r[5]);
        h.lastSendFailureReason = r[6].toString();
        return h;
    });
}

Status ChannelStore::noteWebhooks(qint64 tenantId, qint64 channelId, const QDateTime &at)
{
    return guard([&] {
        transaction(m_db, [&] {
            ensureHealthRow(tenantId, channelId);
            m_db.exec(QStringLiteral("UPDATE channel_health SET last_webhook_at = ? "
                                     "WHERE tenant_id = ? AND channel_id = ?"),
                      {at.toMSecsSinceEpoch(), tenantId, channelId});
        });
        return Done{};
    });
}

Status ChannelStore::noteRejected(qint64 tenantId, qint64 channelId, qint64 count,
                                  const QString &reason)
{
    return guard([&] {
        transaction(m_db, [&] {
            ensureHealthRow(tenantId, channelId);
            m_db.exec(QStringLiteral("UPDATE channel_health SET rejected_count = rejected_count "
                                     "+ ?, last_rejected_at = ?, last_rejected_reason = ? "
                                     "WHERE tenant_id = ? AND channel_id = ?"),
                      {count, now(), reason, tenantId, channelId});
        });
        return Done{};
    });
}

Status ChannelStore::noteSendFailure(qint64 tenantId, qint64 channelId, const QString &reason)
{
    return guard([&] {
        transaction(m_db, [&] {
            ensureHealthRow(tenantId, channelId);
            m_db.exec(QStringLiteral("UPDATE channel_health SET send_failures = send_failures "
                                     "+ 1, last_send_failure_at = ?, last_send_failure_reason = ? "
                                     "WHERE tenant_id = ? AND channel_id = ?"),
                      {now(), reason, tenantId, channelId});
        });
        return Done{};
    });
}

} // namespace shopdesk
