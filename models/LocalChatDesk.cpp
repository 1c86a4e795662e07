#include "LocalChatDesk.h"

#include "access/OperatorService.h"
#include "conversation/ConversationService.h"

namespace shopdesk {

LocalChatDesk::LocalChatDesk(ConversationService &conversations, OperatorService &operators,
                             QObject *parent)
    : ChatDesk(parent)
    , m_conversations(conversations)
    , m_operators(operators)
{
    connect(&m_conversations, &ConversationService::inboxSettingsChanged, this,
            &ChatDesk::inboxSettingsChanged);
}

void LocalChatDesk::takeOver(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                             QObject *context, ChangeDone done)
{
    m_conversations.takeOver(tenantId, conversationId, operatorId, context, std::move(done));
}

void LocalChatDesk::handBack(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                             QObject *context, ChangeDone done)
{
    m_conversations.handBack(tenantId, conversationId, operatorId, context, std::move(done));
}

void LocalChatDesk::close(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                          const QString &reason, QObject *context, ChangeDone done)
{
    m_conversations.close(tenantId, conversationId, operatorId, reason, context, std::move(done));
}

void LocalChatDesk::reopen(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                           QObject *context, ChangeDone done)
{
    m_conversations.reopen(tenantId, conversationId, operatorId, context, std::move(done));
}

void LocalChatDesk::assign(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                           qint64 assigneeId, QObject *context, ChangeDone done)
{
    m_conversations.assign(tenantId, conversationId, operatorId, assigneeId, context,
                           std::move(done));
}

void LocalChatDesk::reply(const OutboundDraft &draft, bool takeOverFirst, QObject *context,
                          std::function<void(Result<HumanReply>)> done)
{
    m_conversations.reply(draft, takeOverFirst, context, std::move(done));
}

void LocalChatDesk::sendFile(const OutboundDraft &draft, const QString &path, bool takeOverFirst,
                             QObject *context, std::function<void(Result<HumanReply>)> done)
{
    m_conversations.sendFile(draft, path, takeOverFirst, context, std::move(done));
}

void LocalChatDesk::mediaFile(qint64 tenantId, const QString &ref, QObject *context,
                              std::function<void(Result<QString>)> done)
{
    m_conversations.mediaFile(tenantId, ref, context, std::move(done));
}

void LocalChatDesk::addNote(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                            const QString &text, QObject *context,
                            std::function<void(Result<Message>)> done)
{
    m_conversations.addNote(tenantId, conversationId, operatorId, text, context, std::move(done));
}

void LocalChatDesk::setLabel(qint64 tenantId, qint64 conversationId, qint64 operatorId,
                             const QString &label, bool on, QObject *context,
                             std::function<void(Result<Conversation>)> done)
{
    m_conversations.setLabel(tenantId, conversationId, operatorId, label, on, context,
                             std::move(done));
}

void LocalChatDesk::inboxSettings(qint64 tenantId, QObject *context,
                                  std::function<void(Result<InboxSettings>)> done)
{
    m_conversations.inboxSettings(tenantId, context, std::move(done));
}

void LocalChatDesk::templates(qint64 tenantId, qint64 conversationId, QObject *context,
                              std::function<void(Result<QList<MessageTemplate>>)> done)
{
    m_conversations.templates(tenantId, conversationId, context, std::move(done));
}

void LocalChatDesk::customerBalance(qint64 tenantId, qint64 conversationId, QObject *context,
                                    std::function<void(Result<QString>)> done)
{
    m_conversations.customerBalance(tenantId, conversationId, context, std::move(done));
}

void LocalChatDesk::searchMessages(qint64 tenantId, const QString &text, QObject *context,
                                   std::function<void(Result<QList<qint64>>)> done)
{
    m_conversations.searchMessages(tenantId, text, context, std::move(done));
}

void LocalChatDesk::people(qint64 tenantId, QObject *context,
                           std::function<void(Result<QList<Operator>>)> done)
{
    m_operators.operators(tenantId, context, std::move(done));
}

} // namespace shopdesk
