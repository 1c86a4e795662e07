#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace shopdesk {

// A webhook body exactly as the provider sent it, recorded before it is acknowledged.
struct InboundEvent
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 channelId = 0;
    QString providerMessageId;
    QByteArray body;
    QDateTime receivedAt;
    QDateTime processedAt;
};

} // namespace shopdesk
