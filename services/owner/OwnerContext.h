#pragma once

#include <QJsonObject>

namespace shopdesk {

// What the owner's conversation remembers between commands (Execora's conversation context):
// the customer last talked about ("usne 200 aur diye" means them), and a command waiting for a
// "haan" or for the answer to "which Rahul?". Kept as JSON in the owner's WhatsApp chat state,
// or by the console's command bar.
struct OwnerContext
{
    qint64 customerId = 0;
    bool hinglish = false;
    QJsonObject pending; // stage "confirm" or "choose", the command and what it resolved

    QJsonObject toJson() const;
    static OwnerContext fromJson(const QJsonObject &json);
};

} // namespace shopdesk
