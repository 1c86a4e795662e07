#include "access/OperatorService.h"

#include "storage/StoreWorker.h"

namespace shopdesk {

OperatorService::OperatorService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

void OperatorService::operators(qint64 tenantId, QObject *context,
                                std::function<void(Result<QList<Operator>>)> done)
{
    m_store.run(
        context, [tenantId](Store &s) { return s.operators().list(tenantId); }, std::move(done));
}

void OperatorService::addOperator(qint64 tenantId, const Operator &op, QObject *context,
                                  std::function<void(Result<Operator>)> done)
{
    m_store.run(
        context, [tenantId, op](Store &s) { return s.operators().add(tenantId, op); },
        std::move(done));
}

} // namespace shopdesk
