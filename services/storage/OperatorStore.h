#pragma once

#include "core/Result.h"
#include "domain/Operator.h"

#include <QObject>

namespace shopdesk {

class SqlBackend;

// The people who work in each store: their names, roles, and what signing in needs (the hash
// of their password or PIN, wrong tries, a lock). Never decides who may do what: that is
// Access and OperatorAccounts, above it.
class OperatorStore : public QObject
{
    Q_OBJECT
public:
    explicit OperatorStore(SqlBackend &db, QObject *parent = nullptr);

    Result<Operator> add(qint64 tenantId, const Operator &op);
    Result<QList<Operator>> list(qint64 tenantId); // disabled ones too, marked
    Result<Operator> find(qint64 tenantId, qint64 operatorId);
    // By name or e-mail, ignoring case (for signing in from the command line).
    Result<Operator> findByName(qint64 tenantId, const QString &nameOrEmail);
    Result<int> ownerCount(qint64 tenantId); // owners who are not disabled

    Result<OperatorCredentials> credentials(qint64 tenantId, qint64 operatorId);
    // A new hash (empty: none), which also forgets wrong tries and any lock.
    Status setSecretHash(qint64 tenantId, qint64 operatorId, const QString &hash);
    Status setRole(qint64 tenantId, qint64 operatorId, OperatorRole role);
    Status setDisabled(qint64 tenantId, qint64 operatorId, bool disabled);
    Status recordSignIn(qint64 tenantId, qint64 operatorId);
    // One more wrong try; the count so far.
    Result<int> recordFailedSignIn(qint64 tenantId, qint64 operatorId);
    Status lockUntil(qint64 tenantId, qint64 operatorId, const QDateTime &until);

Q_SIGNALS:
    void operatorsChanged(qint64 tenantId); // after the commit

private:
    void changed(qint64 tenantId);

    SqlBackend &m_db;
};

} // namespace shopdesk
