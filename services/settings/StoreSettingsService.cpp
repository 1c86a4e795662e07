#include "settings/StoreSettingsService.h"

#include "access/Access.h"
#include "agent/ShopIntents.h"
#include "storage/AgentStore.h"
#include "storage/AuditStore.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"
#include "storage/TenantStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

StoreSettingsService::StoreSettingsService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

Permission StoreSettingsService::permissionFor(const QString &key)
{
    const auto starts = [&key](const char *prefix) {
        return key.startsWith(QLatin1String(prefix));
    };
    if (key == QLatin1String("ai.chat") || key == QLatin1String("ai.embeddings") ||
        key == QLatin1String("ai.transcription") || key == QLatin1String("agent.model"))
        return Permission::ManageModel;
    if (starts("knowledge."))
        return Permission::EditKnowledge;
    if (starts("templates.") || starts("intents.") || starts("inbox."))
        return Permission::EditReplies;
    if (starts("webhooks."))
        return Permission::ManageChannels;
    if (starts("privacy."))
        return Permission::CustomerPrivacy;
    if (starts("analytics."))
        return Permission::ViewAnalytics; // how the figures are worked out: a manager's
    return Permission::ManageSettings;    // the store's profile, the bot's persona, hours, zone…
}

Status StoreSettingsService::save(Store &store, qint64 tenantId, qint64 actorId,
                                  const Values &values)
{
    Result<Settings> current = store.tenants().settings(tenantId);
    if (!current)
        return Status::failure(current);
    Values changed;
    QJsonArray keys;
    QList<Permission> needed;
    for (const auto &[key, value] : values) {
        if (current->value(key) == value)
            continue; // a manager saving a form does not touch the owner's settings in it
        changed.append({key, value});
        keys.append(key);
        if (!needed.contains(permissionFor(key)))
            needed.append(permissionFor(key));
    }
    if (changed.isEmpty())
        return success();
    return store.transact([&]() -> Status {
        for (Permission p : std::as_const(needed)) {
            if (auto allowed = Access::require(store, tenantId, actorId, p); !allowed)
                return Status::failure(allowed);
        }
        if (Status set = store.tenants().setSettings(tenantId, changed); !set)
            return set;
        return store.audit().record(tenantId, actorId, QStringLiteral("settings.change"),
                                    {{QStringLiteral("keys"), keys}});
    });
}

void StoreSettingsService::settings(qint64 tenantId, QObject *context,
                                    std::function<void(Result<Settings>)> done)
{
    m_store.run(
        context, [tenantId](Store &s) { return s.tenants().settings(tenantId); }, std::move(done));
}

void StoreSettingsService::save(qint64 tenantId, qint64 actorId, const Values &values,
                                QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context, [=](Store &s) { return save(s, tenantId, actorId, values); }, std::move(done));
}

void StoreSettingsService::intentSetup(qint64 tenantId, QObject *context,
                                       std::function<void(Result<IntentSetup>)> done)
{
    m_store.run(
        context,
        [tenantId](Store &store) -> Result<IntentSetup> {
            auto examples = store.agent().intentExamples(tenantId);
            if (!examples)
                return Result<IntentSetup>::failure(examples);
            auto threshold = store.tenants().setting(tenantId, ShopIntents::ThresholdSetting);
            if (!threshold)
                return Result<IntentSetup>::failure(threshold);
            return IntentSetup{examples.value(), threshold.value()};
        },
        std::move(done));
}

void StoreSettingsService::saveIntentExamples(qint64 tenantId, qint64 actorId,
                                              const IntentExamples &examples,
                                              const QString &threshold, QObject *context,
                                              std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return Access::checked(
                s, tenantId, actorId, Permission::EditReplies, QStringLiteral("intents.change"),
                {{QStringLiteral("examples"), int(examples.size())},
                 {QStringLiteral("threshold"), threshold}},
                [&]() -> Status {
                    if (Status set = s.agent().setIntentExamples(tenantId, examples); !set)
                        return set;
                    return s.tenants().setSetting(tenantId, ShopIntents::ThresholdSetting,
                                                  threshold);
                });
        },
        std::move(done));
}

} // namespace shopdesk
