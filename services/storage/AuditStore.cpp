#include "storage/AuditStore.h"

#include "storage/SqlSupport.h"

#include <QJsonDocument>

namespace shopdesk {

using namespace sql;

AuditStore::AuditStore(SqlBackend &db)
    : m_db(db)
{}

Status AuditStore::record(qint64 tenantId, qint64 operatorId, const QString &action,
                          const QJsonObject &detail)
{
    return record(tenantId, operatorId, action,
                  detail.isEmpty()
                      ? QString()
                      : QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)));
}

Status AuditStore::record(qint64 tenantId, qint64 operatorId, const QString &action,
                          const QString &detail)
{
    return guard([&] {
        m_db.exec(QStringLiteral("INSERT INTO audit_log (tenant_id, operator_id, action, detail, "
                                 "created_at) VALUES (?, ?, ?, ?, ?)"),
                  {tenantId, nullableId(operatorId), action, detail, now()});
        return Done{};
    });
}

Result<QList<AuditEntry>> AuditStore::entries(qint64 tenantId, const AuditFilter &filter)
{
    return guard([&] {
        QString sql = QStringLiteral(
            "SELECT a.id, a.operator_id, COALESCE(o.name, ''), a.action, a.detail, a.created_at "
            "FROM audit_log a LEFT JOIN operators o ON o.tenant_id = a.tenant_id "
            "AND o.id = a.operator_id WHERE a.tenant_id = ?");
        SqlParams params{tenantId};
        if (filter.operatorId > 0) {
            sql += QStringLiteral(" AND a.operator_id = ?");
            params << filter.operatorId;
        }
        if (!filter.actionPrefix.isEmpty()) {
            // A prefix match without LIKE's wildcards in the user's text.
            sql += QStringLiteral(" AND substr(a.action, 1, CAST(? AS INTEGER)) = ?");
            params << int(filter.actionPrefix.size()) << filter.actionPrefix;
        }
        if (!filter.text.isEmpty()) {
            sql += m_db.dialect() == SqlBackend::Dialect::Postgres
                       ? QStringLiteral(" AND strpos(lower(a.detail), ?) > 0")
                       : QStringLiteral(" AND instr(lower(a.detail), ?) > 0");
            params << filter.text.toLower();
        }
        if (filter.from.isValid()) {
            sql += QStringLiteral(" AND a.created_at >= ?");
            params << ms(filter.from);
        }
        if (filter.to.isValid()) {
            sql += QStringLiteral(" AND a.created_at < ?");
            params << ms(filter.to);
        }
        sql += QStringLiteral(" ORDER BY a.id DESC LIMIT ?");
        params << std::max(1, filter.limit);
        QList<AuditEntry> list;
        for (const SqlRow &r : m_db.query(sql, params))
            list.append({r[0].toLongLong(), tenantId, r[1].toLongLong(), r[2].toString(),
                         r[3].toString(), r[4].toString(), time(r[5])});
        return list;
    });
}

} // namespace shopdesk
