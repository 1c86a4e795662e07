#pragma once

#include "ChatDesk.h"

#include <QJsonObject>

namespace shopdesk {

class RemoteConsoleClient;

// The inbox's actions on a serve node, through the remote console API, as the person signed
// in there (the operator ids given are ignored: the node acts as its signed-in person).
// Files are sent and opened on the store's own computers for now.
class RemoteChatDesk : public ChatDesk
{
    Q_OBJECT
public:
    explicit RemoteChatDesk(RemoteConsoleClient &client, QObject *parent = nullptr);

    void takeOver(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                  ChangeDone done) override;
    void handBack(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                  ChangeDone done) override;
    void close(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &reason,
               QObject *context, ChangeDone done) override;
    void reopen(qint64 tenantId, qint64 conversationId, qint64 operatorId, QObject *context,
                ChangeDone done) override;
    void assign(qint64 tenantId, qint64 conversationId, qint64 operatorId, qint64 assigneeId,
                QObject *context, ChangeDone done) override;
    void reply(const OutboundDraft &draft, bool takeOverFirst, QObject *context,
               std::function<void(Result<HumanReply>)> done) override;
    void sendFile(const OutboundDraft &draft, const QString &path, bool takeOverFirst,
                  QObject *context, std::function<void(Result<HumanReply>)> done) override;
    void mediaFile(qint64 tenantId, const QString &ref, QObject *context,
                   std::function<void(Result<QString>)> done) override;
    void addNote(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &text,
                 QObject *context, std::function<void(Result<Message>)> done) override;
    void setLabel(qint64 tenantId, qint64 conversationId, qint64 operatorId, const QString &label,
                  bool on, QObject *context,
                  std::function<void(Result<Conversation>)> done) override;
    void inboxSettings(qint64 tenantId, QObject *context,
                       std::function<void(Result<InboxSettings>)> done) override;
    void templates(qint64 tenantId, qint64 conversationId, QObject *context,
                   std::function<void(Result<QList<MessageTemplate>>)> done) override;
    void customerBalance(qint64 tenantId, qint64 conversationId, QObject *context,
                         std::function<void(Result<QString>)> done) override;
    void searchMessages(qint64 tenantId, const QString &text, QObject *context,
                        std::function<void(Result<QList<qint64>>)> done) override;
    void people(qint64 tenantId, QObject *context,
                std::function<void(Result<QList<Operator>>)> done) override;

private:
    void change(const QString &method, QJsonObject params, QObject *context, ChangeDone done);

    RemoteConsoleClient &m_client;
};

} // namespace shopdesk
