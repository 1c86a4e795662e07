#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// One line of a store's audit log: who did what, when. Written in the transaction of what it
// records and never changed afterwards.
struct AuditEntry
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 operatorId = 0; // 0: the engine itself, or the store's phone
    QString operatorName;  // as the operator is called now ("" for none)
    QString action;        // "signin", "conversation.takeover", "product.import", ...
    QString detail;        // compact JSON, never a secret or a customer's message
    QDateTime createdAt;
};

// Which lines the audit viewer and `shopdesk-cli audit` ask for; empty fields match everything.
struct AuditFilter
{
    qint64 operatorId = 0;
    QString actionPrefix; // "conversation." for every chat action
    QString text;         // found in the detail
    QDateTime from;       // inclusive
    QDateTime to;         // exclusive
    int limit = 500;
};

} // namespace shopdesk
