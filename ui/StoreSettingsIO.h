#pragma once

#include "LatestRequest.h"
#include "storage/StoreWorker.h"

#include <QMap>
#include <QString>

#include <functional>

namespace shopdesk {

// A store's settings, read and written in the background for the console's forms: the answer
// (or the reason it failed, in words) comes back on the form's thread.
namespace StoreSettingsIO {

using Settings = QMap<QString, QString>;
using Values = QList<QPair<QString, QString>>;

// Only the newest answer of `request` counts (the store may have been switched meanwhile).
inline void load(LatestRequest &request, StoreWorker &store, QObject *context, qint64 tenantId,
                 std::function<void(const QString &error)> failed,
                 std::function<void(const Settings &settings)> done)
{
    request.run(
        store, context, [tenantId](Store &s) { return s.tenants().settings(tenantId); },
        [failed = std::move(failed), done = std::move(done)](Result<Settings> settings) {
            if (settings)
                done(settings.value());
            else
                failed(settings.error());
        });
}

// All or none, in one transaction; `done` gets an empty error on success.
inline void save(StoreWorker &store, QObject *context, qint64 tenantId, Values values,
                 std::function<void(const QString &error)> done)
{
    store.run(
        context,
        [tenantId, values = std::move(values)](Store &s) {
            return s.tenants().setSettings(tenantId, values);
        },
        [done = std::move(done)](Status saved) { done(saved ? QString() : saved.error()); });
}

} // namespace StoreSettingsIO

} // namespace shopdesk
