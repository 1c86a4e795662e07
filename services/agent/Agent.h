#pragma once

#include "agent/AgentTurn.h"
#include "ai/CircuitBreaker.h"
#include "ai/OpenAiClient.h"
#include "domain/Message.h"

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QTimer>

#include <memory>

namespace shopdesk {

class StoreWorker;
class KnowledgeService;

// The AI employee: answers each new customer message, one message at a time per conversation
// and in order. The turn's reading and writing run on the database thread (AgentTurn); when the
// answer must come from the store's documents, the knowledge service is asked in between.
// With a language model configured (ai.chat), the model may write the reply with the bot's
// tools (ModelToolLoop); its reply is sent only when grounded in what the tools returned. Each
// store's model sits behind a circuit breaker: after 3 failures in a row or one answer slower
// than the endpoint's time limit (10 s by default), the bot uses the deterministic path alone
// for a cool-down (ai.cooldown_s, 60 s by default).
class Agent : public QObject
{
    Q_OBJECT
public:
    Agent(StoreWorker &store, KnowledgeService &knowledge, QNetworkAccessManager &network,
          QObject *parent = nullptr);
    ~Agent() override;

    void handle(qint64 tenantId, qint64 conversationId, const QList<shopdesk::Message> &messages);
    bool isIdle() const { return m_busy.isEmpty(); }
    // Customer messages the bot has not finished answering (waiting or being answered): when
    // it cannot keep up they wait here, oldest first per chat, and none is dropped.
    int backlog() const;
    // The store's model breaker: open while the bot does without the model.
    bool modelPaused(qint64 tenantId) const;
    // Asks the endpoint one short question with the bot's tools attached, as a turn would: how
    // long it took, or why it failed (a server that refuses tools says so).
    // What the bot would understand and reply to a message in a new chat, from the node's
    // current models for the store; nothing is written (the console's "try a message").
    void preview(qint64 tenantId, const QString &text, QObject *context,
                 std::function<void(Result<AgentTurn::Plan>)> done);
    void checkModel(const ModelEndpoint &endpoint, QObject *context,
                    std::function<void(Result<qint64>)> done);

Q_SIGNALS:
    void handled(qint64 tenantId, qint64 conversationId,
                 const shopdesk::AgentTurn::Outcome &outcome);
    void failed(qint64 tenantId, qint64 conversationId, const QString &error);
    void idle();
    void backlogChanged(int messages); // checked once a second, sent when it changed
    // The store's language model was switched off for a cool-down (open), or is back.
    void modelBreakerChanged(qint64 tenantId, bool open, const QString &reason);

private:
    void next(qint64 conversationId);
    void askModel(qint64 conversationId, std::shared_ptr<AgentTurn::Plan> plan);
    void useModel(qint64 conversationId, std::shared_ptr<AgentTurn::Plan> plan,
                  AgentTurn::ModelReply reply);
    void askKnowledge(qint64 conversationId, AgentTurn::Plan plan);
    void finish(qint64 conversationId, AgentTurn::Plan plan,
                std::optional<AgentTurn::KnowledgeAnswer> knowledge);
    void modelCall(const std::shared_ptr<AgentTurn::Plan> &plan,
                   const std::shared_ptr<AgentTurn::ModelReply> &reply, const QString &name,
                   const QJsonObject &arguments, std::function<void(QJsonObject)> done);
    void done(qint64 conversationId);

    StoreWorker &m_store;
    KnowledgeService &m_knowledge;
    OpenAiClient m_ai;
    QHash<qint64, CircuitBreaker> m_breakers; // per store
    QSet<qint64> m_paused;                    // stores told their model is paused
    std::shared_ptr<AgentModels> m_models;    // used on the database thread only
    QHash<qint64, QQueue<AgentTurn::Input>> m_queues;
    QHash<qint64, bool> m_busy;
    QTimer m_backlogCheck;
    int m_backlog = 0; // customer messages handed over and not finished
    int m_lastBacklog = 0;
};

} // namespace shopdesk
