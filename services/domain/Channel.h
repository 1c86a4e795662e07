#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// One provider account (a WhatsApp number at Meta, Twilio, Evolution, or the simulator).
struct Channel
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString provider; // meta | twilio | evolution | simulator
    QString name;
    QString configJson; // provider keys; secrets never logged
    QString webhookKey; // the unique part of the channel's webhook path
    bool enabled = true;
    QDateTime createdAt;
};

} // namespace shopdesk
