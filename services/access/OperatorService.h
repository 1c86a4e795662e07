#pragma once

#include "core/Result.h"
#include "domain/Operator.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class StoreWorker;

// The people who work in a store's console, for the console's "Who is using this console?".
class OperatorService : public QObject
{
    Q_OBJECT
public:
    explicit OperatorService(StoreWorker &store, QObject *parent = nullptr);

    void operators(qint64 tenantId, QObject *context,
                   std::function<void(Result<QList<Operator>>)> done);
    void addOperator(qint64 tenantId, const Operator &op, QObject *context,
                     std::function<void(Result<Operator>)> done);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
