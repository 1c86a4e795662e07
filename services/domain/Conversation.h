#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace shopdesk {

// Who answers a conversation: the bot, a named human operator, or nobody (closed).
enum class OwnerKind { Bot, Human, Closed };

QString toText(OwnerKind kind);
OwnerKind ownerKindFromString(const QString &text);

struct Conversation
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 channelId = 0; // 0 when not bound to a channel
    qint64 contactId = 0;
    OwnerKind owner = OwnerKind::Bot;
    qint64 ownerOperatorId = 0; // set when owner is Human
    bool needsHuman = false;
    QString escalationReason;
    QDateTime needsHumanSince;       // when it started waiting for a person (the queue's order)
    QString closedReason;            // why a person closed it
    QDateTime lastCustomerMessageAt; // opens the 24-hour window
    QDateTime lastMessageAt;
    QStringList labels;
    QDateTime createdAt;

    // The time the provider's 24-hour customer-service window closes; invalid if never opened.
    QDateTime windowClosesAt() const
    {
        return lastCustomerMessageAt.isValid() ? lastCustomerMessageAt.addSecs(24 * 3600)
                                               : QDateTime();
    }
};

// A conversation with what the inbox list shows about it.
struct ConversationSummary
{
    Conversation conversation;
    QString contactName;
    QString contactPhone;
    QString lastMessagePreview;
    QString ownerName; // the operator's name when a human owns it
};

} // namespace shopdesk
