#pragma once

#include "conversation/ConversationActions.h"
#include "conversation/InboxSettings.h"

#include <QObject>
#include <QThreadPool>
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

    // dataDir: where files a person sends are kept (<dataDir>/media/<store>/sent/); empty sends
    // the chosen file itself.
    explicit ConversationService(StoreWorker &store, QString dataDir = {},
                                 QObject *parent = nullptr);

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
    // Sends a file (photo, document, audio, video) with an optional caption: checks it against
    // WhatsApp's types and sizes and copies it into the data directory off the caller's thread,
    // then replies with it like reply().
    void sendFile(const OutboundDraft &draft, const QString &path, bool takeOverFirst,
                  QObject *context, std::function<void(Result<HumanReply>)> done);
    // A message's file on this computer (its path), fetched from the database first when it was
    // received or chosen on another of the store's computers (shared mode).
    void mediaFile(qint64 tenantId, const QString &ref, QObject *context,
                   std::function<void(Result<QString>)> done);
    void addNote(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &text,
                 QObject *context, std::function<void(Result<Message>)> done);
    void setLabel(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &label,
                  bool on, QObject *context, std::function<void(Result<Conversation>)> done);

    // The store's labels, quick replies and name for the inbox.
    void inboxSettings(qint64 tenantId, QObject *context,
                       std::function<void(Result<InboxSettings>)> done);
    // Saves the store's labels (with colours) and quick replies, after InboxSettings::validate,
    // as actorId (a manager or the owner: the engine checks).
    void saveInboxSettings(qint64 tenantId, qint64 actorId, const InboxSettings &settings,
                           QObject *context, std::function<void(Status)> done);
    // The approved templates of the chat's WhatsApp channel.
    void templates(qint64 tenantId, qint64 conversationId, QObject *context,
                   std::function<void(Result<QList<MessageTemplate>>)> done);
    // What the chat's customer owes the store, in the store's currency ("₹120", "₹250.50"; "₹0"
    // when nothing is owed).
    void customerBalance(qint64 tenantId, qint64 conversationId, QObject *context,
                         std::function<void(Result<QString>)> done);
    // Chats whose messages contain the text (the inbox's search).
    void searchMessages(qint64 tenantId, const QString &text, QObject *context,
                        std::function<void(Result<QList<qint64>>)> done);

    void startAutoHandBack(int checkIntervalMs);
    void checkSilentChats();

Q_SIGNALS:
    void ownerChanged(qint64 tenantId, const shopdesk::OwnershipChange &change);
    void failed(const QString &message); // an automatic hand back could not be done
    // A store's settings changed (labels, quick replies, its name…): read inboxSettings again.
    void inboxSettingsChanged(qint64 tenantId);

private:
    template<typename Job> void runChange(QObject *context, Job job, ChangeDone done);

    StoreWorker &m_store;
    QString m_dataDir;
    QTimer m_autoHandBack;
    QThreadPool m_files; // last: its destructor waits for a copy still running
};

} // namespace shopdesk
