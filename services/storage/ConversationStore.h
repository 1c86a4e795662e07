#pragma once

#include "core/Result.h"
#include "domain/Contact.h"
#include "domain/Conversation.h"
#include "domain/InboundEvent.h"
#include "domain/Message.h"

#include <QObject>

#include <optional>

namespace shopdesk {

class SqlBackend;

// Customers, their conversations and messages, and the raw inbound webhook events.
class ConversationStore : public QObject
{
    Q_OBJECT
public:
    explicit ConversationStore(SqlBackend &db, QObject *parent = nullptr);

    Result<Contact> upsertContact(qint64 tenantId, const QString &phone, const QString &name);
    Result<QList<Contact>> contacts(qint64 tenantId);
    Result<Contact> contact(qint64 tenantId, qint64 contactId);

    // The contact's open conversation, or a new one owned by the bot.
    // startedAt back-dates a new conversation (imports, the demo store); default now.
    Result<Conversation> openConversation(qint64 tenantId, qint64 contactId, qint64 channelId = 0,
                                          const QDateTime &startedAt = {});
    Result<Conversation> conversation(qint64 tenantId, qint64 conversationId);
    Result<QList<ConversationSummary>> summaries(qint64 tenantId, int limit = 500);
    Result<Conversation> setOwner(qint64 tenantId, qint64 conversationId, OwnerKind owner,
                                  qint64 operatorId = 0);
    Result<Conversation> setNeedsHuman(qint64 tenantId, qint64 conversationId, bool needsHuman,
                                       const QString &reason);

    // Appends in one transaction and moves each conversation's clocks forward.
    Result<QList<Message>> appendMessages(qint64 tenantId, const QList<Message> &messages);
    Result<Message> appendMessage(qint64 tenantId, const Message &message);
    // The newest `limit` messages older than beforeId (0: the newest), oldest first.
    Result<QList<Message>> latestMessages(qint64 tenantId, qint64 conversationId, int limit,
                                          qint64 beforeId = 0);

    // Records a webhook body once per (channel, provider message id). False: already recorded.
    Result<bool> recordInboundEvent(qint64 tenantId, const InboundEvent &event);

    // The message with this provider id, if this store has it.
    Result<std::optional<Message>> messageByProviderId(qint64 tenantId, const QString &providerId);
    Result<Message> message(qint64 tenantId, qint64 messageId);
    // Moves a message's delivery status forward (never backwards); returns it when it changed.
    Result<std::optional<Message>> advanceStatus(qint64 tenantId, qint64 messageId,
                                                 MessageStatus status, const QDateTime &at,
                                                 const QString &failureReason = {});
    Result<Message> setProviderMessageId(qint64 tenantId, qint64 messageId,
                                         const QString &providerId);
    Result<Message> setMedia(qint64 tenantId, qint64 messageId, const QString &state,
                             const QString &ref, const QString &mime);
    Result<Conversation> markHandledByStorePhone(qint64 tenantId, qint64 conversationId);

Q_SIGNALS:
    void messagesAppended(qint64 tenantId, qint64 conversationId,
                          const QList<shopdesk::Message> &messages);
    void conversationChanged(qint64 tenantId, const shopdesk::Conversation &conversation);
    void messageUpdated(qint64 tenantId, const shopdesk::Message &message);

private:
    void touchConversations(qint64 tenantId, const QList<Message> &messages);
    QList<Message> insertMessages(qint64 tenantId, const QList<Message> &messages);
    Conversation requireConversation(qint64 tenantId, qint64 conversationId);
    Message requireMessage(qint64 tenantId, qint64 messageId);
    Result<Message> updated(Result<Message> result);

    SqlBackend &m_db;
};

} // namespace shopdesk
