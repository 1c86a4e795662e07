#include "owner/OwnerCommandService.h"

#include "storage/StoreWorker.h"

namespace shopdesk {

OwnerCommandService::OwnerCommandService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

void OwnerCommandService::run(qint64 tenantId, qint64 actorId, const OwnerContext &context,
                              const QString &text, QObject *receiver,
                              std::function<void(Result<OwnerCommands::Reply>)> done)
{
    m_store.run(
        receiver,
        [=](Store &s) {
            return OwnerCommands::handle(s, tenantId, actorId, context, text,
                                         QDateTime::currentDateTimeUtc());
        },
        std::move(done));
}

} // namespace shopdesk
