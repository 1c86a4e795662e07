#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

enum class OperatorRole { Owner, Manager, Agent };

QString toText(OperatorRole role);
OperatorRole operatorRoleFromString(const QString &text);

// A person who works in the console.
struct Operator
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    QString email;
    OperatorRole role = OperatorRole::Agent;
    QDateTime createdAt;
};

} // namespace shopdesk
