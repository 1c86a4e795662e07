#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace shopdesk {

// A store. One install may hold several.
struct Tenant
{
    qint64 id = 0;
    QString slug;
    QString name;
    QDateTime createdAt;
};

} // namespace shopdesk
