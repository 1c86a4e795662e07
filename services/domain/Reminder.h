#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// A message the bot sends a customer later: a payment reminder. State: scheduled, sent, failed,
// cancelled (sending while a node sends it).
struct Reminder
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 contactId = 0;
    qint64 conversationId = 0;
    QString kind = QStringLiteral("payment");
    QDateTime dueAt;
    QString body;
    qint64 amountMinor = 0;
    QString state = QStringLiteral("scheduled");
    QDateTime sentAt;
    QString error;        // why it could not be sent, when state is failed
    QString customerName; // filled when read, for lists
    QDateTime createdAt;
};

} // namespace shopdesk
