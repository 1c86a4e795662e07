#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// What the bot did with one customer message, as JSON: steps with timings, the intent and its
// scores, entities, tool calls and results, retrieved passages, confidence and the decision.
struct ExecutionTrace
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 conversationId = 0;
    qint64 messageId = 0;
    QByteArray json;
    QDateTime createdAt;
};

} // namespace shopdesk
