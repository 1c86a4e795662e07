#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// What the Settings pane shows about a channel: is the provider reaching us, and are we
// reaching the customers.
struct ChannelHealth
{
    qint64 channelId = 0;
    QDateTime lastWebhookAt;
    qint64 rejectedCount = 0;
    QDateTime lastRejectedAt;
    QString lastRejectedReason;
    qint64 sendFailures = 0;
    QDateTime lastSendFailureAt;
    QString lastSendFailureReason;
};

} // namespace shopdesk
