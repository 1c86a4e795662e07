#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// A message waiting to be sent, or sent, through a provider. Written in the same transaction
// as the message it carries; the sender claims it, sends it once and records the outcome.
struct OutboxItem
{
    enum class State { Pending, Sending, Sent, Failed, Cancelled, Interrupted };

    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 channelId = 0;
    qint64 conversationId = 0;
    qint64 messageId = 0;
    QString kind;        // text | media | template
    QString payloadJson; // what to send: {"text"}, {"media_url"|"media_file", "caption", ...},
                         // {"template", "language", "params"}
    State state = State::Pending;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;
    QString providerMessageId;
    QDateTime createdAt;

    // From the conversation, for the send: who, and until when free-form text is allowed.
    QString customer;
    QDateTime windowClosesAt;
};

QString toText(OutboxItem::State state);
OutboxItem::State outboxStateFromString(const QString &text);

} // namespace shopdesk
