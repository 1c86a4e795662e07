#include "messaging/ChannelService.h"

#include "access/Access.h"
#include "settings/StoreSettingsService.h"
#include "storage/ChannelStore.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"
#include "storage/TenantStore.h"

#include <QJsonObject>

namespace shopdesk {

ChannelService::ChannelService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

void ChannelService::overview(qint64 tenantId, QObject *context,
                              std::function<void(Result<Overview>)> done)
{
    m_store.run(
        context,
        [tenantId](Store &store) -> Result<Overview> {
            auto channels = store.channels().channels(tenantId);
            if (!channels)
                return Result<Overview>::failure(channels);
            Overview o;
            o.channels = channels.value();
            for (const Channel &c : std::as_const(o.channels)) {
                auto h = store.channels().health(tenantId, c.id);
                o.health.append(h ? h.value() : ChannelHealth{});
            }
            auto url = store.tenants().setting(tenantId, kPublicUrlSetting);
            o.publicUrl = url ? url.value() : QString();
            return o;
        },
        std::move(done));
}

void ChannelService::save(qint64 tenantId, qint64 actorId, const Channel &channel, QObject *context,
                          std::function<void(Result<Channel>)> done)
{
    m_store.run(
        context,
        [=](Store &store) -> Result<Channel> {
            std::optional<Result<Channel>> saved;
            const Status checked = Access::checked(
                store, tenantId, actorId, Permission::ManageChannels,
                channel.id ? QStringLiteral("channel.change") : QStringLiteral("channel.add"),
                {{QStringLiteral("channel"), channel.name},
                 {QStringLiteral("provider"), channel.provider}},
                [&]() -> Status {
                    saved = channel.id ? store.channels().updateChannel(tenantId, channel)
                                       : store.channels().addChannel(tenantId, channel);
                    return statusOf(*saved);
                });
            if (!checked)
                return Result<Channel>::failure(checked);
            return *saved;
        },
        std::move(done));
}

void ChannelService::setPublicUrl(qint64 tenantId, qint64 actorId, const QString &url,
                                  QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &store) {
            return StoreSettingsService::save(store, tenantId, actorId, {{kPublicUrlSetting, url}});
        },
        std::move(done));
}

} // namespace shopdesk
