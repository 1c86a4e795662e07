#pragma once

#include "agent/AgentModels.h"
#include "owner/OwnerCommands.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class StoreWorker;

// The console's command bar: one owner's command on the database thread, answered on the
// caller's thread with the reply and the conversation's memory for the next one.
class OwnerCommandService : public QObject
{
    Q_OBJECT
public:
    explicit OwnerCommandService(StoreWorker &store, QObject *parent = nullptr);

    void run(qint64 tenantId, qint64 actorId, const OwnerContext &context, const QString &text,
             QObject *receiver, std::function<void(Result<OwnerCommands::Reply>)> done);

private:
    StoreWorker &m_store;
    AgentModels m_models; // the stores' product matchers, kept as the bot keeps them
};

} // namespace shopdesk
