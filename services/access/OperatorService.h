#pragma once

#include "access/OperatorAccounts.h"
#include "core/Result.h"
#include "domain/Operator.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace shopdesk {

class StoreWorker;

// The people who work in a store, for the console and the remote API: signing in, adding
// people, roles, passwords and PINs, the audit log. Each call runs OperatorAccounts on the
// database thread and answers on the caller's thread; hashing and checking passwords (slow on
// purpose) runs on a pool of its own, never on the database or UI thread. A wrong password is
// answered a second late (SignInPolicy).
class OperatorService : public QObject
{
    Q_OBJECT
public:
    explicit OperatorService(StoreWorker &store, QObject *parent = nullptr);
    ~OperatorService() override;

    void operators(qint64 tenantId, QObject *context,
                   std::function<void(Result<QList<Operator>>)> done);
    // Whether this store asks everybody for a password (shared mode).
    void sharedMode(QObject *context, std::function<void(Result<bool>)> done);
    // What signing in this person needs, without trying (the sign-in dialog's question).
    void signInNeeds(qint64 tenantId, qint64 operatorId, QObject *context,
                     std::function<void(Result<bool>)> done);
    void signIn(qint64 tenantId, qint64 operatorId, const QString &secret, QObject *context,
                std::function<void(Result<Operator>)> done);
    void addOperator(qint64 tenantId, qint64 actorId, const Operator &op, const QString &secret,
                     QObject *context, std::function<void(Result<Operator>)> done);
    void setRole(qint64 tenantId, qint64 actorId, qint64 operatorId, OperatorRole role,
                 QObject *context, std::function<void(Status)> done);
    void setDisabled(qint64 tenantId, qint64 actorId, qint64 operatorId, bool disabled,
                     QObject *context, std::function<void(Status)> done);
    // An empty secret removes a PIN (one computer only).
    void setSecret(qint64 tenantId, qint64 actorId, qint64 operatorId, const QString &secret,
                   QObject *context, std::function<void(Status)> done);
    void auditLog(qint64 tenantId, qint64 actorId, const AuditFilter &filter, QObject *context,
                  std::function<void(Result<QList<AuditEntry>>)> done);

private:
    // Hashes the secret on the pool (none for an empty one) after checking it against the
    // store's mode, then hands the hash to next on the caller's thread.
    void hashThen(const QString &secret, QObject *context,
                  std::function<void(Result<QString>)> next);

    StoreWorker &m_store;
    QThreadPool m_hashing; // last: its destructor waits for a hash still running
};

} // namespace shopdesk
