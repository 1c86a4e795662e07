#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

namespace shopdesk {

class Store;
struct ConversationState;

// WhatsApp Business's greeting and away messages, sent by the bot before its reply. The
// greeting (setting welcome.enabled) welcomes a customer writing for the first time or after
// 14 days of silence; the away message (away.enabled) says the store is closed and when it
// opens, outside the hours in the store's profile (store.hours, in store.time_zone), once per
// closed stretch. Both are reply templates (welcome_message, away_message), so a store words
// them in English and Hinglish like the rest.
class Greetings
{
public:
    static constexpr int kSilentDays = 14;

    struct Turn
    {
        qint64 tenantId = 0;
        qint64 contactId = 0;
        qint64 messageId = 0;
        QDateTime now;
        bool hinglish = false;
        const QMap<QString, QString> *settings = nullptr;
    };

    // The messages to send before the reply (the away message notes itself in `state`).
    static Result<QStringList> preface(Store &store, const Turn &turn, ConversationState &state);
};

} // namespace shopdesk
