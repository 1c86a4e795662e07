#include "storage/OperatorStore.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

namespace {

const QString kColumns = QStringLiteral(
    "id, tenant_id, name, email, role, created_at, secret_hash <> '', disabled, last_signin_at");

Operator operatorFrom(const SqlRow &r)
{
    Operator op;
    op.id = r[0].toLongLong();
    op.tenantId = r[1].toLongLong();
    op.name = r[2].toString();
    op.email = r[3].toString();
    op.role = operatorRoleFromString(r[4].toString());
    op.createdAt = time(r[5]);
    op.hasSecret = r[6].toBool();
    op.disabled = r[7].toInt() != 0;
    op.lastSignInAt = time(r[8]);
    return op;
}

} // namespace

OperatorStore::OperatorStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

void OperatorStore::changed(qint64 tenantId)
{
    m_db.afterCommit([this, tenantId] { Q_EMIT operatorsChanged(tenantId); },
                     QStringLiteral("w:%1").arg(tenantId));
}

Result<Operator> OperatorStore::add(qint64 tenantId, const Operator &given)
{
    Operator op = given;
    op.name = op.name.simplified();
    if (op.name.isEmpty())
        return Result<Operator>::failure(QStringLiteral("An operator needs a name."),
                                         ErrorKind::Invalid);
    // Without an e-mail the name identifies the person in this store: names stay unique.
    if (op.email.trimmed().isEmpty())
        op.email = op.name;
    return guard([&] {
        const SqlRows taken = m_db.query(
            QStringLiteral("SELECT id FROM operators WHERE tenant_id = ? AND (lower(name) = ? OR "
                           "email = ?)"),
            {tenantId, op.name.toLower(), op.email.toLower()});
        if (!taken.isEmpty())
            throw SqlError(QStringLiteral("There is already an operator called %1 in this store.")
                               .arg(op.name),
                           ErrorKind::Conflict);
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO operators (tenant_id, name, email, role, created_at) "
                           "VALUES (?, ?, ?, ?, ?) RETURNING id"),
            {tenantId, op.name, op.email.toLower(), toText(op.role), now()});
        changed(tenantId);
        return need(find(tenantId, rows.first()[0].toLongLong()));
    });
}

Result<QList<Operator>> OperatorStore::list(qint64 tenantId)
{
    return guard([&] {
        QList<Operator> list;
        for (const SqlRow &r :
             m_db.query(QStringLiteral("SELECT ") + kColumns +
                            QStringLiteral(" FROM operators WHERE tenant_id = ? ORDER BY name, id"),
                        {tenantId}))
            list.append(operatorFrom(r));
        return list;
    });
}

Result<Operator> OperatorStore::find(qint64 tenantId, qint64 operatorId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + kColumns +
                                            QStringLiteral(" FROM operators WHERE tenant_id = ? "
                                                           "AND id = ?"),
                                        {tenantId, operatorId});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("There is no operator %1 in this store.").arg(operatorId));
        return operatorFrom(rows.first());
    });
}

Result<Operator> OperatorStore::findByName(qint64 tenantId, const QString &nameOrEmail)
{
    const QString key = nameOrEmail.simplified().toLower();
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT ") + kColumns +
                QStringLiteral(" FROM operators WHERE tenant_id = ? AND (lower(name) = ? OR "
                               "email = ?) ORDER BY id LIMIT 1"),
            {tenantId, key, key});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("There is nobody called \"%1\" in this store.").arg(nameOrEmail));
        return operatorFrom(rows.first());
    });
}

Result<int> OperatorStore::ownerCount(qint64 tenantId)
{
    return guard([&] {
        return m_db
            .query(QStringLiteral("SELECT COUNT(*) FROM operators WHERE tenant_id = ? AND "
                                  "role = 'owner' AND disabled = 0"),
                   {tenantId})
            .first()[0]
            .toInt();
    });
}

Result<OperatorCredentials> OperatorStore::credentials(qint64 tenantId, qint64 operatorId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT secret_hash, failed_signins, locked_until, disabled FROM "
                           "operators WHERE tenant_id = ? AND id = ?"),
            {tenantId, operatorId});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("There is no operator %1 in this store.").arg(operatorId));
        const SqlRow &r = rows.first();
        return OperatorCredentials{operatorId, r[0].toString(), r[1].toInt(), time(r[2]),
                                   r[3].toInt() != 0};
    });
}

Status OperatorStore::setSecretHash(qint64 tenantId, qint64 operatorId, const QString &hash)
{
    return guard([&] {
        need(find(tenantId, operatorId));
        m_db.exec(QStringLiteral("UPDATE operators SET secret_hash = ?, failed_signins = 0, "
                                 "locked_until = NULL WHERE tenant_id = ? AND id = ?"),
                  {hash, tenantId, operatorId});
        changed(tenantId);
        return Done{};
    });
}

Status OperatorStore::setRole(qint64 tenantId, qint64 operatorId, OperatorRole role)
{
    return guard([&] {
        need(find(tenantId, operatorId));
        m_db.exec(QStringLiteral("UPDATE operators SET role = ? WHERE tenant_id = ? AND id = ?"),
                  {toText(role), tenantId, operatorId});
        changed(tenantId);
        return Done{};
    });
}

Status OperatorStore::setDisabled(qint64 tenantId, qint64 operatorId, bool disabled)
{
    return guard([&] {
        need(find(tenantId, operatorId));
        m_db.exec(
            QStringLiteral("UPDATE operators SET disabled = ? WHERE tenant_id = ? AND id = ?"),
            {disabled ? 1 : 0, tenantId, operatorId});
        changed(tenantId);
        return Done{};
    });
}

Status OperatorStore::recordSignIn(qint64 tenantId, qint64 operatorId)
{
    return guard([&] {
        m_db.exec(QStringLiteral("UPDATE operators SET failed_signins = 0, locked_until = NULL, "
                                 "last_signin_at = ? WHERE tenant_id = ? AND id = ?"),
                  {now(), tenantId, operatorId});
        return Done{};
    });
}

Result<int> OperatorStore::recordFailedSignIn(qint64 tenantId, qint64 operatorId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("UPDATE operators SET failed_signins = failed_signins + 1 WHERE "
                           "tenant_id = ? AND id = ? RETURNING failed_signins"),
            {tenantId, operatorId});
        if (rows.isEmpty())
            throw NotFound(
                QStringLiteral("There is no operator %1 in this store.").arg(operatorId));
        return rows.first()[0].toInt();
    });
}

Status OperatorStore::lockUntil(qint64 tenantId, qint64 operatorId, const QDateTime &until)
{
    return guard([&] {
        m_db.exec(
            QStringLiteral("UPDATE operators SET locked_until = ? WHERE tenant_id = ? AND id = ?"),
            {ms(until), tenantId, operatorId});
        return Done{};
    });
}

} // namespace shopdesk
