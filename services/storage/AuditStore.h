#pragma once

#include "core/Result.h"
#include "domain/AuditEntry.h"

#include <QJsonObject>

namespace shopdesk {

class SqlBackend;

// A store's audit log: appended to inside the transaction of what it records, read with
// filters. There is no way to change or remove a line (the database refuses it too).
class AuditStore
{
public:
    explicit AuditStore(SqlBackend &db);

    Status record(qint64 tenantId, qint64 operatorId, const QString &action,
                  const QJsonObject &detail = {});
    Status record(qint64 tenantId, qint64 operatorId, const QString &action, const QString &detail);
    Result<QList<AuditEntry>> entries(qint64 tenantId, const AuditFilter &filter = {});

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
