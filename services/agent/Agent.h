#pragma once

#include "agent/AgentTurn.h"
#include "ai/CircuitBreaker.h"
#include "ai/OpenAiClient.h"
#include "domain/Message.h"
#include "storage/BotQueueStore.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace shopdesk {

class StoreWorker;
class KnowledgeService;

// The AI employee: answers each customer message once, in order per chat, from the bot's
// durable queue (BotQueueStore): a message waits there from the transaction that stores it to
// the one that answers it. One engine node at a time answers a chat, holding a lease on it
// that each turn renews; a node sweeps the queue once a second for chats nobody holds (a node
// that crashed, a node whose bot is off) and wakes at once for new customer messages, its own
// or other nodes' (LISTEN/NOTIFY). A turn reads and writes on the database thread (AgentTurn)
// and does its CPU work (normalizing, classifying, matching) on the agent's compute pool; when
// the answer must come from the store's documents, the knowledge service is asked in between.
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

    // This node's name in the chats' leases (stable across restarts: a node that restarts
    // takes its own chats back at once), and how long a lease lasts without a turn renewing it.
    void setNode(const QString &node, qint64 leaseMs = 30000);
    // The engine's data folder: bills the bot sends ("bill bhejo") are written there.
    void setDataDir(const QString &dataDir) { m_dataDir = dataDir; }
    // The bot's clock (tests set one; greeting and away messages follow it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    void start(); // answers what is queued, then whatever arrives
    void stop();  // gives back the chats it holds; turns under way finish
    // Customer messages were stored in this chat (here or on another node): answer them.
    void wake(qint64 tenantId, qint64 conversationId);
    void onMessagesAppended(qint64 tenantId, qint64 conversationId,
                            const QList<shopdesk::Message> &messages);
    bool isIdle() const { return m_busy.isEmpty(); }
    // Customer messages waiting for the bot on this database (all nodes), as of the last
    // sweep: when it cannot keep up they wait in the queue, oldest first, and none is dropped.
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
    // The bot is answering this message: the provider may show it read, and the bot typing.
    void answering(qint64 channelId, const QString &customer, const QString &providerMessageId);

private:
    using Chat = BotQueueStore::Chat;
    QString m_dataDir;
    std::function<QDateTime()> m_clock;
    QDateTime m_startedAt; // start(): a file's wait counts from it at the earliest
    void sweep();
    void next(Chat chat);
    void understand(AgentTurn::Plan plan);
    void respond(AgentTurn::Plan plan);
    // false: give up on the message (it failed kTurnAttempts times).
    bool tryAgainLater(qint64 tenantId, qint64 conversationId, qint64 messageId,
                       const QString &error, ErrorKind kind);
    void giveUp(qint64 tenantId, qint64 conversationId, const Message &message,
                const QString &error);
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
    mutable QMutex m_pausedLock;              // modelPaused() is asked from the console's thread
    // Stores whose model is paused (and told so) -> until when (ms).
    QHash<qint64, qint64> m_pausedUntilMs;
    std::shared_ptr<AgentModels> m_models; // used on the database thread only
    QString m_node;
    qint64 m_leaseMs = 30000;
    bool m_running = false;
    bool m_sweeping = false;
    QHash<qint64, qint64> m_busy;      // chats this node is answering -> their store
    QSet<qint64> m_again;              // ... that were woken meanwhile
    QHash<qint64, qint64> m_heldUntil; // chats whose lease this node holds -> until (ms)
    static constexpr int kTurnAttempts = 3;
    QHash<qint64, int> m_failedTurns; // messages whose turn failed -> how often
    QTimer m_sweep;
    int m_backlog = 0;     // customer messages waiting for the bot, as of the last sweep
    QThreadPool m_compute; // last: waits for its work before the rest goes
};

} // namespace shopdesk
