#pragma once

#include "LatestRequest.h"
#include "settings/StoreSettingsService.h"

#include <QMap>
#include <QString>

#include <functional>

namespace shopdesk {

// A store's settings for the console's forms, through StoreSettingsService: the answer (or the
// reason it failed, in words) comes back on the form's thread.
namespace StoreSettingsIO {

using Settings = StoreSettingsService::Settings;
using Values = StoreSettingsService::Values;

// Only the newest answer of `request` counts (the store may have been switched meanwhile).
inline void load(LatestRequest &request, StoreSettingsService &service, QObject *context,
                 qint64 tenantId, std::function<void(const QString &error)> failed,
                 std::function<void(const Settings &settings)> done)
{
    service.settings(tenantId, context,
                     request.latest([failed = std::move(failed),
                                     done = std::move(done)](Result<Settings> settings) {
                         if (settings)
                             done(settings.value());
                         else
                             failed(settings.error());
                     }));
}

// All or none, as the person at the console (the engine checks each changed setting); `done`
// gets an empty error on success.
inline void save(StoreSettingsService &service, qint64 actorId, QObject *context, qint64 tenantId,
                 Values values, std::function<void(const QString &error)> done)
{
    service.save(tenantId, actorId, values, context, [done = std::move(done)](Status saved) {
        done(saved ? QString() : saved.error());
    });
}

} // namespace StoreSettingsIO

} // namespace shopdesk
