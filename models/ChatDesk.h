#pragma once

#include "conversation/ConversationActions.h"
#include "conversation/InboxSettings.h"
#include "domain/Operator.h"

#include <QObject>

#include <functional>

namespace shopdesk {

// What a person at the console does to chats, as the inbox asks for it: on this computer's
// engine (LocalChatDesk, ConversationService and OperatorService) or on a serve node through
// the remote console API (RemoteChatDesk). The engine checks every action against the
// person's role either way. Answers come on the caller's thread, through `context`.
class ChatDesk : public QObject
{
    Q_OBJECT
public:
    using ChangeDone = std::function<void(Result<OwnershipChange>)>;
    using QObject::QObject;

    virtual void takeOver(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                          QObject *context, ChangeDone done) = 0;
    virtual void handBack(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                          QObject *context, ChangeDone done) = 0;
    virtual void close(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                       const QString &reason, QObject *context, ChangeDone done) = 0;
    virtual void reopen(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                        ChangeDone done) = 0;
    virtual void assign(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                        qint64 assigneeId, QObject *context, ChangeDone done) = 0;
    virtual void reply(const OutboundDraft &draft, bool takeOverFirst, QObject *context,
                       std::function<void(Result<HumanReply>)> done) = 0;
    virtual void sendFile(const OutboundDraft &draft, const QString &path, bool takeOverFirst,
                          QObject *context, std::function<void(Result<HumanReply>)> done) = 0;
    virtual void mediaFile(qint64 tenantId, const QString &ref, QObject *context,
                           std::function<void(Result<QString>)> done) = 0;
    virtual void addNote(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                         const QString &text, QObject *context,
                         std::function<void(Result<Message>)> done) = 0;
    virtual void setLabel(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                          const QString &label, bool on, QObject *context,
                          std::function<void(Result<Conversation>)> done) = 0;
    virtual void inboxSettings(qint64 tenantId, QObject *context,
                               std::function<void(Result<InboxSettings>)> done) = 0;
    virtual void templates(qint64 tenantId, qint64 conversationId, QObject *context,
                           std::function<void(Result<QList<MessageTemplate>>)> done) = 0;
    virtual void customerBalance(qint64 tenantId, qint64 conversationId, QObject *context,
                                 std::function<void(Result<QString>)> done) = 0;
    virtual void searchMessages(qint64 tenantId, const QString &text, QObject *context,
                                std::function<void(Result<QList<qint64>>)> done) = 0;
    virtual void people(qint64 tenantId, QObject *context,
                        std::function<void(Result<QList<Operator>>)> done) = 0;

Q_SIGNALS:
    void inboxSettingsChanged(qint64 tenantId);
};

} // namespace shopdesk
