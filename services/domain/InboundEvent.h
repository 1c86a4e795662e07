#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace shopdesk {

// One item of a webhook (a message or a status), normalized to JSON and recorded before the
// webhook is acknowledged. providerMessageId is the item's dedupe key.
struct InboundEvent
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 channelId = 0;
    QString providerMessageId;
    QString kind = QStringLiteral("message"); // message | status
    QByteArray body;
    QDateTime receivedAt;
    QDateTime processedAt;
};

} // namespace shopdesk
