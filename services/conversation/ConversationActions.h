#pragma once

#include "core/Result.h"
#include "domain/Conversation.h"
#include "domain/Message.h"
#include "messaging/OutboundDraft.h"

#include <QMetaType>

namespace shopdesk {

class Store;

// What a person did to a chat, as it was committed.
struct OwnershipChange
{
    Conversation before;
    Conversation after;
    QString action;       // takeover, handback, close, reopen, assign
    QList<Message> lines; // the system line in the chat (and a notice sent to the customer)
    bool changed = false; // false: it already was so (taking over one's own chat), nothing written
};

// A person's reply, and the takeover it caused when the bot had the chat.
struct HumanReply
{
    Message message;
    std::optional<OwnershipChange> takeover;
};

// What people do to conversations, on the database thread, each in one transaction that locks
// the chat (ConversationStore::lockConversation) so it takes turns with the bot's commit: once
// a takeover commits, no bot message for the chat can reach the outbox until it is handed back.
// Every change writes an audit entry (who, from, to) and a system line in the chat that is
// shown in the console and never sent. The console calls these through ConversationService;
// the CLI calls them directly.
class ConversationActions
{
public:
    static Result<OwnershipChange> takeOver(Store &store, qint64 tenantId, qint64 conversationId,
                                            qint64 operatorId);
    static Result<OwnershipChange> handBack(Store &store, qint64 tenantId, qint64 conversationId,
                                            qint64 operatorId);
    static Result<OwnershipChange> close(Store &store, qint64 tenantId, qint64 conversationId,
                                         qint64 operatorId, const QString &reason);
    static Result<OwnershipChange> reopen(Store &store, qint64 tenantId, qint64 conversationId,
                                          qint64 operatorId);
    static Result<OwnershipChange> assign(Store &store, qint64 tenantId, qint64 conversationId,
                                          qint64 operatorId, qint64 assigneeId);

    // A person writes to the customer. With takeOverFirst, a chat the bot has is taken over in
    // the same transaction; without it the bot stays on.
    static Result<HumanReply> reply(Store &store, const OutboundDraft &draft, bool takeOverFirst);
    // A private note: shown to operators only, never sent.
    static Result<Message> addNote(Store &store, qint64 tenantId, qint64 conversationId,
                                   qint64 operatorId, const QString &text);
    static Result<Conversation> setLabel(Store &store, qint64 tenantId, qint64 conversationId,
                                         qint64 operatorId, const QString &label, bool on);

    // Chats a person has said nothing in for the store's inbox.auto_handback_min minutes
    // (0 or unset: never), handed back to the bot.
    static Result<QList<OwnershipChange>> handBackSilent(Store &store, const QDateTime &now);

    // The operator's name as the chat shows it ("the store's phone" for no operator).
    static QString operatorName(Store &store, qint64 tenantId, qint64 operatorId);
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::OwnershipChange)
