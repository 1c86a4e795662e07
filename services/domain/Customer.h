#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace shopdesk {

// What the shop knows about a customer beyond the WhatsApp name.
struct CustomerProfile
{
    QString name;
    QString nickname; // what they are called at the counter ("Rahul bhaiya")
    QString landmark; // where they live, as people say it ("near Hanuman mandir")
    QString notes;
    QStringList labels;
};

// A customer as the customers list shows them: profile, WhatsApp number (none for a walk-in),
// what they owe, their last order and whether they said STOP.
struct Customer
{
    qint64 contactId = 0;
    qint64 tenantId = 0;
    QString phone; // E.164 digits; empty for a walk-in customer
    bool walkIn = false;
    CustomerProfile profile;
    qint64 balanceMinor = 0;
    qint64 lastOrderId = 0;
    qint64 lastOrderTotalMinor = 0;
    QDateTime lastOrderAt;
    bool optedOut = false;
    qint64 conversationId = 0; // their newest chat, 0 when none
    QDateTime createdAt;

    // The name people use: the name, else the nickname, else "+phone".
    QString displayName() const;
};

} // namespace shopdesk
