#pragma once

#include "core/Result.h"
#include "domain/Channel.h"
#include "domain/ChannelHealth.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class StoreWorker;

// A store's WhatsApp channels as the console's Channels section shows and changes them: the
// list with each channel's health and the store's public webhook address; adding or changing a
// channel and that address are the owner's (ManageChannels), checked by the engine and audited
// (the channel's name and provider, never its tokens).
class ChannelService : public QObject
{
    Q_OBJECT
public:
    static inline const QString kPublicUrlSetting = QStringLiteral("webhooks.public_url");

    struct Overview
    {
        QList<Channel> channels;
        QList<ChannelHealth> health; // one per channel, in the same order
        QString publicUrl;
    };

    explicit ChannelService(StoreWorker &store, QObject *parent = nullptr);

    void overview(qint64 tenantId, QObject *context, std::function<void(Result<Overview>)> done);
    // A new channel when channel.id is 0, else the changed one.
    void save(qint64 tenantId, qint64 actorId, const Channel &channel, QObject *context,
              std::function<void(Result<Channel>)> done);
    void setPublicUrl(qint64 tenantId, qint64 actorId, const QString &url, QObject *context,
                      std::function<void(Status)> done);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
