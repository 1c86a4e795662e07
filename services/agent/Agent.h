#pragma once

#include "agent/AgentTurn.h"
#include "domain/Message.h"

#include <QHash>
#include <QObject>
#include <QQueue>

#include <memory>

namespace shopdesk {

class StoreWorker;
class KnowledgeService;

// The AI employee: answers each new customer message, one message at a time per conversation
// and in order. The turn's reading and writing run on the database thread (AgentTurn); when the
// answer must come from the store's documents, the knowledge service is asked in between.
class Agent : public QObject
{
    Q_OBJECT
public:
    Agent(StoreWorker &store, KnowledgeService &knowledge, QObject *parent = nullptr);
    ~Agent() override;

    void handle(qint64 tenantId, qint64 conversationId, const QList<shopdesk::Message> &messages);
    bool isIdle() const { return m_busy.isEmpty(); }

Q_SIGNALS:
    void handled(qint64 tenantId, qint64 conversationId,
                 const shopdesk::AgentTurn::Outcome &outcome);
    void failed(qint64 tenantId, qint64 conversationId, const QString &error);
    void idle();

private:
    void next(qint64 conversationId);
    void finish(qint64 conversationId, AgentTurn::Plan plan,
                std::optional<AgentTurn::KnowledgeAnswer> knowledge);
    void done(qint64 conversationId);

    StoreWorker &m_store;
    KnowledgeService &m_knowledge;
    std::shared_ptr<AgentModels> m_models; // used on the database thread only
    QHash<qint64, QQueue<AgentTurn::Input>> m_queues;
    QHash<qint64, bool> m_busy;
};

} // namespace shopdesk
