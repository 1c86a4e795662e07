#pragma once

#include "core/Result.h"
#include "domain/Channel.h"
#include "domain/ChannelHealth.h"

#include <QObject>
#include <QVariantList>

namespace shopdesk {

class SecretBox;
class SqlBackend;

// A store's WhatsApp numbers (channels), their provider settings and their health.
class ChannelStore : public QObject
{
    Q_OBJECT
public:
    ChannelStore(SqlBackend &db, const SecretBox &secrets, QObject *parent = nullptr);
    Result<int> sealPlainSecrets();

    Result<Channel> addChannel(qint64 tenantId, const Channel &channel);
    Result<Channel> updateChannel(qint64 tenantId, const Channel &channel);
    Result<QList<Channel>> channels(qint64 tenantId);
    Result<Channel> channel(qint64 tenantId, qint64 channelId);
    // Every enabled channel of every store: the webhook server routes by their keys.
    Result<QList<Channel>> allChannels(bool enabledOnly = true);

    Result<ChannelHealth> health(qint64 tenantId, qint64 channelId);
    Status noteWebhooks(qint64 tenantId, qint64 channelId, const QDateTime &at);
    Status noteRejected(qint64 tenantId, qint64 channelId, qint64 count, const QString &reason);
    Status noteSendFailure(qint64 tenantId, qint64 channelId, const QString &reason);

Q_SIGNALS:
    void channelsChanged(qint64 tenantId);

private:
    void ensureHealthRow(qint64 tenantId, qint64 channelId);
    Channel channelFrom(const QVariantList &r) const; // its secrets opened
    SqlBackend &m_db;
    const SecretBox &m_secrets;
};

} // namespace shopdesk
