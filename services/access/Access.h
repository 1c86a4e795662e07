#pragma once

#include "access/Permission.h"
#include "core/Result.h"

#include <QJsonObject>

#include <functional>

namespace shopdesk {

class Store;

// The engine's check of who may do what, on the database thread, inside the transaction of
// the action it guards: the operator must belong to the store, not be disabled, and have a role
// that allows it (the command line, OperatorAccounts::kCommandLine, is the owner). Refusals come
// back as ErrorKind::Forbidden with a sentence for the person.
class Access
{
public:
    static Result<Operator> require(Store &store, qint64 tenantId, qint64 operatorId,
                                    Permission permission);
    // f in one transaction after the check, audited as `action` with `detail` (never a secret
    // or a customer's words) when it succeeds; nothing is written when either fails.
    static Status checked(Store &store, qint64 tenantId, qint64 actorId, Permission permission,
                          const QString &action, const QJsonObject &detail,
                          const std::function<Status()> &f);
};

} // namespace shopdesk
