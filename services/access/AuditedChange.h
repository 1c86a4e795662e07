#pragma once

#include "access/Access.h"
#include "access/OperatorAccounts.h"
#include "storage/Store.h"

#include <QJsonObject>

namespace shopdesk {

// Runs f in one transaction after checking the person has `permission`; f returns its result
// and fills the audit entry's action and detail (an empty action: nothing to audit). A refusal,
// a failed f or a failed audit write leaves nothing behind. On the database thread.
template<typename T, typename F>
Result<T> auditedChange(Store &store, qint64 tenantId, qint64 actorId, Permission permission, F f)
{
    return store.transact([&]() -> Result<T> {
        if (auto allowed = Access::require(store, tenantId, actorId, permission); !allowed)
            return Result<T>::failure(allowed);
        QString action;
        QJsonObject detail;
        Result<T> done = f(action, detail);
        if (!done || action.isEmpty())
            return done;
        const qint64 who = actorId == OperatorAccounts::kCommandLine ? 0 : actorId;
        if (auto audited = store.audit().record(tenantId, who, action, detail); !audited)
            return Result<T>::failure(audited);
        return done;
    });
}

} // namespace shopdesk
