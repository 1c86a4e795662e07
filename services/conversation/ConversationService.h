#pragma once

#include "conversation/ConversationActions.h"
#include "conversation/InboxSettings.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace shopdesk {

class StoreWorker;

// Taking chats over, handing them back, closing, assigning, replying as a person, notes and
// labels, for the console and the engine: each runs ConversationActions on the database
// thread and answers on the caller's thread. Every committed ownership change is announced
// with ownerChanged. It also hands chats back to the bot after the store's
// inbox.auto_handback_min minutes of human silence (checked every checkIntervalMs).
class ConversationService : public QObject
{
    Q_OBJECT
public:
    using ChangeDone = std::function<void(Result<OwnershipChange>)>;

    explicit ConversationService(StoreWorker &store, QObject *parent = nullptr);

    void takeOver(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                  ChangeDone done = {});
    void handBack(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                  ChangeDone done = {});
    void close(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &reason,
               QObject *context, ChangeDone done = {});
    void reopen(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                ChangeDone done = {});
    void assign(qint64 tenantId, qint64 conversationId, qint64 operatorId, qint64 assigneeId,
                QObject *context, ChangeDone done = {});
    void reply(const OutboundDraft &draft, bool takeOverFirst, QObject *context,
               std::function<void(Result<HumanReply>)> done);
    void addNote(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &text,
                 QObject *context, std::function<void(Result<Message>)> done);
    void setLabel(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &label,
                  bool on, QObject *context, std::function<void(Result<Conversation>)> done);

    // The store's labels, quick replies and name for the inbox.
    void inboxSettings(qint64 tenantId, QObject *context,
                       std::function<void(Result<InboxSettings>)> done);
    // The approved templates of the chat's WhatsApp channel.
    void templates(qint64 tenantId, qint64 conversationId, QObject *context,
                   std::function<void(Result<QList<MessageTemplate>>)> done);
    // Chats whose messages contain the text (the inbox's search).
    void searchMessages(qint64 tenantId, const QString &text, QObject *context,
                        std::function<void(Result<QList<qint64>>)> done);

    void startAutoHandBack(int checkIntervalMs);
    void checkSilentChats();

Q_SIGNALS:
    void ownerChanged(qint64 tenantId, const shopdesk::OwnershipChange &change);
    void failed(const QString &message); // an automatic hand back could not be done

private:
    template<typename Job> void runChange(QObject *context, Job job, ChangeDone done);

    StoreWorker &m_store;
    QTimer m_autoHandBack;
};

} // namespace shopdesk
