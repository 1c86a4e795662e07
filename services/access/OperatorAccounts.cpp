#include "access/OperatorAccounts.h"

#include "access/Access.h"
#include "access/PasswordHash.h"
#include "access/SignInPolicy.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QJsonObject>

namespace shopdesk {

using sql::need;

namespace {

qint64 auditedActor(qint64 actorId)
{
    return actorId == OperatorAccounts::kCommandLine ? 0 : actorId;
}

// The actor may manage people (an owner, or the command line).
void requireManager(Store &store, qint64 tenantId, qint64 actorId)
{
    if (actorId != OperatorAccounts::kCommandLine)
        need(Access::require(store, tenantId, actorId, Permission::ManageOperators));
}

// Refuses leaving the store without an owner who can sign in.
void keepAnOwner(Store &store, qint64 tenantId, const Operator &target)
{
    if (target.role == OperatorRole::Owner && !target.disabled &&
        need(store.operators().ownerCount(tenantId)) <= 1)
        throw SqlError(QStringLiteral("%1 is the store's only owner; make someone else an owner "
                                      "first.")
                           .arg(target.name),
                       ErrorKind::Invalid);
}

} // namespace

bool OperatorAccounts::sharedMode(Store &store)
{
    return store.isPostgres();
}

Result<SignInAttempt> OperatorAccounts::beginSignIn(Store &store, qint64 tenantId,
                                                    qint64 operatorId)
{
    return sql::guard([&] {
        SignInAttempt attempt;
        attempt.op = need(store.operators().find(tenantId, operatorId));
        const OperatorCredentials c = need(store.operators().credentials(tenantId, operatorId));
        if (c.disabled)
            throw SqlError(QStringLiteral("%1's account is switched off; ask the store's owner.")
                               .arg(attempt.op.name),
                           ErrorKind::Forbidden);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (c.lockedUntil.isValid() && c.lockedUntil > now)
            throw SqlError(SignInPolicy::lockedMessage(c.lockedUntil, now), ErrorKind::Forbidden);
        attempt.needsSecret = sharedMode(store) || !c.secretHash.isEmpty();
        attempt.hash = c.secretHash;
        if (attempt.needsSecret && c.secretHash.isEmpty())
            throw SqlError(QStringLiteral("%1 has no password yet. The store's owner sets one in "
                                          "Settings → People (or with shopdesk-cli operator "
                                          "password).")
                               .arg(attempt.op.name),
                           ErrorKind::Forbidden);
        return attempt;
    });
}

Result<Operator> OperatorAccounts::finishSignIn(Store &store, qint64 tenantId, qint64 operatorId,
                                                bool ok, const QString &rehash)
{
    // The outcome is committed even when the answer is "no": the wrong try must count.
    QString refusal;
    auto done = sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            const Operator op = need(store.operators().find(tenantId, operatorId));
            if (ok) {
                if (!rehash.isEmpty())
                    need(store.operators().setSecretHash(tenantId, operatorId, rehash));
                need(store.operators().recordSignIn(tenantId, operatorId));
                need(store.audit().record(tenantId, operatorId, QStringLiteral("signin")));
                return op;
            }
            const int failures = need(store.operators().recordFailedSignIn(tenantId, operatorId));
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const QDateTime until = SignInPolicy::lockedUntil(failures, now);
            need(store.operators().lockUntil(tenantId, operatorId, until));
            QJsonObject detail{{QStringLiteral("tries"), failures}};
            if (until.isValid())
                detail.insert(QStringLiteral("locked_until"), until.toString(Qt::ISODate));
            need(store.audit().record(tenantId, operatorId, QStringLiteral("signin.failed"),
                                      detail));
            refusal = until.isValid()
                          ? QStringLiteral("That is not %1's password or PIN. %2")
                                .arg(op.name, SignInPolicy::lockedMessage(until, now))
                          : QStringLiteral("That is not %1's password or PIN.").arg(op.name);
            return op;
        });
    });
    if (done && !refusal.isEmpty())
        return Result<Operator>::failure(refusal, ErrorKind::Forbidden);
    return done;
}

Result<Operator> OperatorAccounts::signIn(Store &store, qint64 tenantId, qint64 operatorId,
                                          const QString &secret)
{
    Result<SignInAttempt> attempt = beginSignIn(store, tenantId, operatorId);
    if (!attempt)
        return Result<Operator>::failure(attempt);
    if (!attempt.value().needsSecret)
        return finishSignIn(store, tenantId, operatorId, true);
    const bool ok = PasswordHash::verify(attempt.value().hash, secret);
    QString rehash;
    if (ok && PasswordHash::needsRehash(attempt.value().hash)) {
        if (auto fresh = PasswordHash::hash(secret))
            rehash = fresh.value();
    }
    return finishSignIn(store, tenantId, operatorId, ok, rehash);
}

Result<Operator> OperatorAccounts::add(Store &store, qint64 tenantId, qint64 actorId, Operator op,
                                       const QString &secretHash)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            const bool first = need(store.operators().list(tenantId)).isEmpty();
            if (first)
                op.role = OperatorRole::Owner;
            else
                requireManager(store, tenantId, actorId);
            if (sharedMode(store) && secretHash.isEmpty() && actorId != kCommandLine)
                throw SqlError(QStringLiteral("Give %1 a password: everybody signs in on a shared "
                                              "store.")
                                   .arg(op.name.simplified()),
                               ErrorKind::Invalid);
            Operator added = need(store.operators().add(tenantId, op));
            if (!secretHash.isEmpty()) {
                need(store.operators().setSecretHash(tenantId, added.id, secretHash));
                added.hasSecret = true;
            }
            need(store.audit().record(tenantId, first ? added.id : auditedActor(actorId),
                                      QStringLiteral("operator.add"),
                                      QJsonObject{{QStringLiteral("operator"), added.name},
                                                  {QStringLiteral("role"), toText(added.role)}}));
            return added;
        });
    });
}

Status OperatorAccounts::setRole(Store &store, qint64 tenantId, qint64 actorId, qint64 operatorId,
                                 OperatorRole role)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            requireManager(store, tenantId, actorId);
            const Operator target = need(store.operators().find(tenantId, operatorId));
            if (target.role == role)
                return Done{};
            if (role != OperatorRole::Owner)
                keepAnOwner(store, tenantId, target);
            need(store.operators().setRole(tenantId, operatorId, role));
            need(store.audit().record(tenantId, auditedActor(actorId),
                                      QStringLiteral("operator.role"),
                                      QJsonObject{{QStringLiteral("operator"), target.name},
                                                  {QStringLiteral("from"), toText(target.role)},
                                                  {QStringLiteral("to"), toText(role)}}));
            return Done{};
        });
    });
}

Status OperatorAccounts::setDisabled(Store &store, qint64 tenantId, qint64 actorId,
                                     qint64 operatorId, bool disabled)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            requireManager(store, tenantId, actorId);
            const Operator target = need(store.operators().find(tenantId, operatorId));
            if (target.disabled == disabled)
                return Done{};
            if (disabled)
                keepAnOwner(store, tenantId, target);
            need(store.operators().setDisabled(tenantId, operatorId, disabled));
            need(store.audit().record(tenantId, auditedActor(actorId),
                                      disabled ? QStringLiteral("operator.disable")
                                               : QStringLiteral("operator.enable"),
                                      QJsonObject{{QStringLiteral("operator"), operatorId}}));
            return Done{};
        });
    });
}

Status OperatorAccounts::setSecretHash(Store &store, qint64 tenantId, qint64 actorId,
                                       qint64 operatorId, const QString &hash)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            if (actorId == operatorId)
                need(Access::require(store, tenantId, actorId, Permission::WorkChats));
            else
                requireManager(store, tenantId, actorId);
            if (hash.isEmpty() && sharedMode(store))
                throw SqlError(QStringLiteral("On a shared store everybody needs a password."),
                               ErrorKind::Invalid);
            const Operator target = need(store.operators().find(tenantId, operatorId));
            need(store.operators().setSecretHash(tenantId, operatorId, hash));
            need(store.audit().record(tenantId, auditedActor(actorId),
                                      hash.isEmpty() ? QStringLiteral("operator.secret_removed")
                                                     : QStringLiteral("operator.secret_set"),
                                      QJsonObject{{QStringLiteral("operator"), operatorId}}));
            return Done{};
        });
    });
}

Result<QList<AuditEntry>> OperatorAccounts::auditLog(Store &store, qint64 tenantId, qint64 actorId,
                                                     const AuditFilter &filter)
{
    if (actorId != kCommandLine) {
        auto allowed = Access::require(store, tenantId, actorId, Permission::ViewAudit);
        if (!allowed)
            return Result<QList<AuditEntry>>::failure(allowed);
    }
    return store.audit().entries(tenantId, filter);
}

} // namespace shopdesk
