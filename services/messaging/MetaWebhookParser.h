#pragma once

#include "core/Result.h"
#include "messaging/InboundItem.h"

#include <QList>

namespace shopdesk {

// Turns a Meta WhatsApp Cloud API webhook body (already signature-checked) into inbound items:
// every entry, change, message, echo and status in it.
class MetaWebhookParser
{
public:
    static Result<QList<InboundItem>> parse(const QByteArray &body);
};

} // namespace shopdesk
