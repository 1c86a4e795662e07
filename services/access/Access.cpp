#include "access/Access.h"

#include "access/OperatorAccounts.h"
#include "storage/AuditStore.h"
#include "storage/Store.h"

namespace shopdesk {

Result<Operator> Access::require(Store &store, qint64 tenantId, qint64 operatorId,
                                 Permission permission)
{
    if (operatorId == OperatorAccounts::kCommandLine) {
        // The command line on the database's own computer holds its credentials: an owner.
        Operator cli;
        cli.id = operatorId;
        cli.tenantId = tenantId;
        cli.name = QStringLiteral("the command line");
        cli.role = OperatorRole::Owner;
        return cli;
    }
    if (operatorId <= 0)
        return Result<Operator>::failure(
            QStringLiteral("Choose who you are (sign in) before doing this."),
            ErrorKind::Forbidden);
    Result<Operator> op = store.operators().find(tenantId, operatorId);
    if (!op) {
        if (op.errorKind() == ErrorKind::NotFound)
            return Result<Operator>::failure(
                QStringLiteral("Operator %1 does not work in this store.").arg(operatorId),
                ErrorKind::Forbidden);
        return op;
    }
    if (op.value().disabled)
        return Result<Operator>::failure(
            QStringLiteral("%1's account is switched off; ask the store's owner.")
                .arg(op.value().name),
            ErrorKind::Forbidden);
    if (!Permissions::allows(op.value().role, permission))
        return Result<Operator>::failure(Permissions::refusal(permission), ErrorKind::Forbidden);
    return op;
}

Status Access::checked(Store &store, qint64 tenantId, qint64 actorId, Permission permission,
                       const QString &action, const QJsonObject &detail,
                       const std::function<Status()> &f)
{
    return store.transact([&]() -> Status {
        if (auto allowed = require(store, tenantId, actorId, permission); !allowed)
            return Status::failure(allowed);
        if (auto done = f(); !done)
            return done;
        return store.audit().record(tenantId, actorId, action, detail);
    });
}

} // namespace shopdesk
