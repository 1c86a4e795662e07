#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

struct AuditEntry
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 operatorId = 0;
    QString action;
    QString detail;
    QDateTime createdAt;
};

} // namespace shopdesk
