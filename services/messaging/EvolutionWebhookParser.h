#pragma once

#include "core/Result.h"
#include "messaging/InboundItem.h"

namespace shopdesk {

// Turns an Evolution API v2 webhook (messages.upsert, messages.update; others are acknowledged
// and ignored) into inbound items. Group chats are skipped unless allowGroups.
class EvolutionWebhookParser
{
public:
    static Result<QList<InboundItem>> parse(const QByteArray &body, bool allowGroups);
    static QString statusFrom(const QJsonValue &evolutionStatus);
};

} // namespace shopdesk
