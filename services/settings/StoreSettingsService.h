#pragma once

#include "access/Permission.h"
#include "agent/IntentExample.h"
#include "core/Result.h"

#include <QMap>
#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// A store's settings for the console's forms: read, and saved by a person whom the engine
// checks for every setting that changes (permissionFor: reply texts, intents and the inbox's
// a manager's; the model, channels' public address, privacy and the rest the owner's). Only the
// settings that change are written, all or none, with an audit line naming them (never their
// values, which may be secrets).
class StoreSettingsService : public QObject
{
    Q_OBJECT
public:
    using Settings = QMap<QString, QString>;
    using Values = QList<QPair<QString, QString>>;

    explicit StoreSettingsService(StoreWorker &store, QObject *parent = nullptr);

    void settings(qint64 tenantId, QObject *context, std::function<void(Result<Settings>)> done);
    void save(qint64 tenantId, qint64 actorId, const Values &values, QObject *context,
              std::function<void(Status)> done);

    struct IntentSetup
    {
        IntentExamples examples; // the store's own, beside the shipped ones
        QString threshold;       // ShopIntents::ThresholdSetting, "" when not set
    };
    void intentSetup(qint64 tenantId, QObject *context,
                     std::function<void(Result<IntentSetup>)> done);
    // The store's own intent examples and the intent threshold (a manager's: EditReplies).
    void saveIntentExamples(qint64 tenantId, qint64 actorId, const IntentExamples &examples,
                            const QString &threshold, QObject *context,
                            std::function<void(Status)> done);

    static Status save(Store &store, qint64 tenantId, qint64 actorId, const Values &values);
    static Permission permissionFor(const QString &key);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
