#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// A customer, known by their WhatsApp number.
struct Contact
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString phone; // E.164 without the plus, as WhatsApp ids are
    QString name;
    QDateTime createdAt;
};

} // namespace shopdesk
