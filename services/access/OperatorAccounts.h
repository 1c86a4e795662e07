#pragma once

#include "core/Result.h"
#include "domain/AuditEntry.h"
#include "domain/Operator.h"

namespace shopdesk {

class Store;

// The first half of a sign-in: who is signing in and the hash to check their secret against.
// The check itself (Argon2id, slow on purpose) runs off the database thread between the halves.
struct SignInAttempt
{
    Operator op;
    QString hash;             // empty with needsSecret false
    bool needsSecret = false; // always in shared mode; on one computer when a PIN is set
};

// People's accounts in a store, on the database thread, each step in one transaction with
// its audit entry: signing in (with wrong tries counted and locks, SignInPolicy), adding
// people, roles, switching an account off, passwords and PINs, and reading the audit log.
// Who may do it is checked here (Access), whatever the caller shows or hides.
class OperatorAccounts
{
public:
    // The command line on the database's own computer: it holds the database's credentials,
    // so it may do what an owner can; its audit entries carry no operator.
    static constexpr qint64 kCommandLine = -1;

    // Shared mode (PostgreSQL): everybody signs in with a password.
    static bool sharedMode(Store &store);
    static Result<SignInAttempt> beginSignIn(Store &store, qint64 tenantId, qint64 operatorId);
    // ok: the secret matched (or none was needed). rehash: a new hash to keep (or empty).
    static Result<Operator> finishSignIn(Store &store, qint64 tenantId, qint64 operatorId, bool ok,
                                         const QString &rehash = {});
    // Both halves at once (the command line and tests).
    static Result<Operator> signIn(Store &store, qint64 tenantId, qint64 operatorId,
                                   const QString &secret);

    // The first person in a store may add themselves (and becomes its owner); after that only
    // an owner adds people.
    static Result<Operator> add(Store &store, qint64 tenantId, qint64 actorId, Operator op,
                                const QString &secretHash = {});
    static Status setRole(Store &store, qint64 tenantId, qint64 actorId, qint64 operatorId,
                          OperatorRole role);
    static Status setDisabled(Store &store, qint64 tenantId, qint64 actorId, qint64 operatorId,
                              bool disabled);
    // Anyone may change their own; an owner anybody's. An empty hash removes a PIN (not in
    // shared mode, where a password is required).
    static Status setSecretHash(Store &store, qint64 tenantId, qint64 actorId, qint64 operatorId,
                                const QString &hash);
    static Result<QList<AuditEntry>> auditLog(Store &store, qint64 tenantId, qint64 actorId,
                                              const AuditFilter &filter);
};

} // namespace shopdesk
