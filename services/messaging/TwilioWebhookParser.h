#pragma once

#include "core/Result.h"
#include "messaging/FormBody.h"
#include "messaging/InboundItem.h"

#include <QUrlQuery>

namespace shopdesk {

// Turns a Twilio WhatsApp webhook (an incoming message or a status callback, form encoded and
// already signature-checked) into inbound items. `query` is the request URL's query: status
// callbacks of our own sends carry the outbox id there.
class TwilioWebhookParser
{
public:
    static Result<QList<InboundItem>> parse(const FormBody::Fields &form, const QUrlQuery &query);
    // Twilio's status words in ours: queued/sending/accepted are not news; undelivered is failed.
    static QString statusFrom(const QString &twilioStatus);
};

} // namespace shopdesk
