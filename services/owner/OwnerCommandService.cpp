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
        [=, this](Store &s) -> Result<OwnerCommands::Reply> {
            // On the database thread, the only one that touches m_models.
            auto models = m_models.forStore(s, tenantId);
            if (!models)
                return Result<OwnerCommands::Reply>::failure(models.error(), models.errorKind());
            return OwnerCommands::handle(s, tenantId, actorId, context, text,
                                         QDateTime::currentDateTimeUtc(), models->products.get());
        },
        std::move(done));
}

} // namespace shopdesk
