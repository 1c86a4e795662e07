#pragma once

#include "core/Result.h"
#include "domain/Contact.h"
#include "domain/Conversation.h"
#include "domain/InboundEvent.h"
#include "domain/Message.h"

#include <QJsonObject>
#include <QObject>
#include <QVariantList>

#include <optional>

namespace shopdesk {

class SqlBackend;

// Customers, their conversations and messages, and the raw inbound webhook events.
class ConversationStore : public QObject
{
    Q_OBJECT
public:
    explicit ConversationStore(SqlBackend &db, QObject *parent = nullptr);

    // The chat's customer asked for no more reminders or templates (wrote STOP), or again for
    // them (START); whether it changed anything.
    Result<bool> setOptedOut(qint64 tenantId, qint64 conversationId, bool out);
    Result<bool> optedOut(qint64 tenantId, qint64 conversationId);
    Result<Contact> upsertContact(qint64 tenantId, const QString &phone, const QString &name);
    Result<QList<Contact>> contacts(qint64 tenantId);
    Result<Contact> contact(qint64 tenantId, qint64 contactId);

    // The contact's open conversation; else its last closed one, reopened (to the bot, or to the
    // person who closed it with inbox.reopen_to = person) with a system line; else a new one
    // owned by the bot.
    // startedAt back-dates a new conversation (imports, the demo store); default now.
    Result<Conversation> openConversation(qint64 tenantId, qint64 contactId, qint64 channelId = 0,
                                          const QDateTime &startedAt = {});
    Result<Conversation> conversation(qint64 tenantId, qint64 conversationId);
    Result<QList<ConversationSummary>> summaries(qint64 tenantId, int limit = 500);
    // Any owner change also ends the wait for a person (needs_human clears). A closed chat keeps
    // who closed it (operatorId) and why; a customer writing to it reopens it (openConversation).
    // Each change is recorded in conversation_events (takeover, assign, handback, close, reopen).
    // at back-dates the event (imports, the demo store); default now.
    Result<Conversation> setOwner(qint64 tenantId, qint64 conversationId, OwnerKind owner,
                                  qint64 operatorId = 0, const QString &closedReason = {},
                                  const QDateTime &at = {});
    // Reads the conversation and, on PostgreSQL, locks its row until the caller's transaction
    // ends: ownership changes and the bot's commit for one chat take turns through this lock.
    Result<Conversation> lockConversation(qint64 tenantId, qint64 conversationId);
    // Chats with a customer's or a person's message containing the text (case-insensitive),
    // most recent first.
    Result<QList<qint64>> searchMessages(qint64 tenantId, const QString &text, int limit = 500);
    // Chats a person owns in which no person has written (reply, note, takeover) since `before`.
    Result<QList<qint64>> silentHumanChats(qint64 tenantId, const QDateTime &before);
    Result<Conversation> setLabels(qint64 tenantId, qint64 conversationId,
                                   const QStringList &labels);
    // since: when it started waiting (default now; kept when it already waits). A chat that
    // starts waiting records an 'escalated' event with reasonCode (EscalationReason).
    Result<Conversation> setNeedsHuman(qint64 tenantId, qint64 conversationId, bool needsHuman,
                                       const QString &reason, const QDateTime &since = {},
                                       const QString &reasonCode = {});

    // Appends in one transaction and moves each conversation's clocks forward.
    Result<QList<Message>> appendMessages(qint64 tenantId, const QList<Message> &messages);
    Result<Message> appendMessage(qint64 tenantId, const Message &message);
    // The newest `limit` messages older than beforeId (0: the newest), oldest first.
    Result<QList<Message>> latestMessages(qint64 tenantId, qint64 conversationId, int limit,
                                          qint64 beforeId = 0);

    // The message with this provider id, if this store has it.
    Result<std::optional<Message>> messageByProviderId(qint64 tenantId, const QString &providerId);
    Result<Message> message(qint64 tenantId, qint64 messageId);
    // Moves a message's delivery status forward (never backwards); returns it when it changed.
    Result<std::optional<Message>> advanceStatus(qint64 tenantId, qint64 messageId,
                                                 MessageStatus status, const QDateTime &at,
                                                 const QString &failureReason = {});
    // The provider accepted these messages: each takes its provider id and becomes 'sent' unless
    // a status already moved it further. Set-based (a few statements for the whole batch).
    struct ProviderReceipt
    {
        qint64 tenantId = 0;
        qint64 messageId = 0;
        QString providerMessageId;
    };
    Status markSentMany(const QList<ProviderReceipt> &receipts, const QDateTime &at);
    Result<Message> setProviderMessageId(qint64 tenantId, qint64 messageId,
                                         const QString &providerId);
    Result<Message> setMedia(qint64 tenantId, qint64 messageId, const QString &state,
                             const QString &ref, const QString &mime);
    // What was heard in a voice note or read off a photo (MediaReading's JSON), kept in the
    // message's extra details under "reading".
    // Customers' media still to fetch (the engine stopped before it did), since `since`, oldest
    // first, across stores, each with its chat's channel.
    struct PendingMedia
    {
        Message message;
        qint64 channelId = 0;
    };
    Result<QList<PendingMedia>> pendingMedia(const QDateTime &since, int limit);
    // When the customer last wrote before this message, in any of their chats (invalid: never).
    Result<QDateTime> previousInboundAt(qint64 tenantId, qint64 contactId, qint64 beforeMessageId);
    Result<Message> setReading(qint64 tenantId, qint64 messageId, const QJsonObject &reading);
    Result<Conversation> markHandledByStorePhone(qint64 tenantId, qint64 conversationId);

Q_SIGNALS:
    void messagesAppended(qint64 tenantId, qint64 conversationId,
                          const QList<shopdesk::Message> &messages);
    void conversationChanged(qint64 tenantId, const shopdesk::Conversation &conversation);
    void messageUpdated(qint64 tenantId, const shopdesk::Message &message);

private:
    std::optional<Conversation> reopenClosed(qint64 tenantId, qint64 contactId,
                                             QList<Message> &lines);
    Result<Conversation> updateConversation(qint64 tenantId, qint64 conversationId,
                                            const QString &assignments, QVariantList params);
    void recordEvent(qint64 tenantId, qint64 conversationId, const QString &kind, qint64 operatorId,
                     const QString &reasonCode = {}, const QString &reason = {}, qint64 at = 0);
    static QString ownerEvent(const Conversation &before, const Conversation &after);
    void emitAppended(qint64 tenantId, const QList<Message> &messages);
    void touchConversations(qint64 tenantId, const QList<Message> &messages);
    QList<Message> insertMessages(qint64 tenantId, const QList<Message> &messages);
    Conversation requireConversation(qint64 tenantId, qint64 conversationId);
    Message requireMessage(qint64 tenantId, qint64 messageId);
    Result<Message> updated(Result<Message> result);

    SqlBackend &m_db;
};

} // namespace shopdesk
