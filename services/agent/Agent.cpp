#include "agent/Agent.h"

#include "core/ThreadHop.h"

#include "agent/ModelToolSchemas.h"
#include "core/Logging.h"
#include "knowledge/KnowledgeService.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointer>
#include <QThread>
#include <QUuid>

#include <algorithm>

namespace shopdesk {

namespace {

AgentTurn::KnowledgeAnswer knowledgeAnswer(const Result<KnowledgeService::Reply> &reply)
{
    AgentTurn::KnowledgeAnswer answer;
    if (!reply) {
        answer.reason = reply.error();
        return answer;
    }
    answer.answered = !reply->answer.escalate && !reply->answer.text.isEmpty();
    answer.text = reply->answer.text;
    answer.confidence = reply->answer.confidence;
    answer.reason = reply->answer.reason;
    QJsonArray hits;
    for (const SearchHit &h : reply->hits)
        hits.append(QJsonObject{{QStringLiteral("chunk"), h.chunk.chunkId},
                                {QStringLiteral("title"), h.chunk.title},
                                {QStringLiteral("score"), h.score}});
    answer.trace = {{QStringLiteral("query"), reply->query},
                    {QStringLiteral("hits"), hits},
                    {QStringLiteral("answered_by"), reply->answeredBy},
                    {QStringLiteral("confidence"), reply->answer.confidence},
                    {QStringLiteral("ms"), reply->latencyMs}};
    return answer;
}

} // namespace

Agent::Agent(StoreWorker &store, KnowledgeService &knowledge, QNetworkAccessManager &network,
             QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_knowledge(knowledge)
    , m_ai(network)
    , m_models(std::make_shared<AgentModels>())
{
    m_node = QUuid::createUuid().toString(QUuid::Id128).left(12);
    m_compute.setObjectName(QStringLiteral("shopdesk-agent"));
    m_compute.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    // The bot's CPU work yields to acknowledging webhooks and to the console: on a busy machine
    // the bot falls behind (and says so), the acknowledgements do not.
    m_compute.setThreadPriority(QThread::IdlePriority); // SCHED_IDLE on Linux
    // Children, so that they move with the agent to the engine's thread (the console).
    m_sweep.setParent(this);
    m_ai.setParent(this);
    m_sweep.setInterval(1000);
    connect(&m_sweep, &QTimer::timeout, this, &Agent::sweep);
}

int Agent::backlog() const
{
    return m_backlog;
}

void Agent::setNode(const QString &node, qint64 leaseMs)
{
    if (!node.isEmpty())
        m_node = node;
    m_leaseMs = std::max<qint64>(leaseMs, 100);
    m_sweep.setInterval(int(std::clamp<qint64>(m_leaseMs / 4, 50, 1000)));
}

void Agent::start()
{
    m_running = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_sweep.start();
    sweep();
}

void Agent::stop()
{
    m_running = false;
    m_sweep.stop();
    const QString node = m_node;
    for (auto it = m_busy.cbegin(); it != m_busy.cend(); ++it) {
        if (!m_heldUntil.contains(it.key()))
            continue;
        const BotQueueStore::Chat chat{it.value(), it.key()};
        m_store.run(
            this, [chat, node](Store &store) { return store.botQueue().release(chat, node); },
            [](Status) {});
    }
}

Agent::~Agent() = default;

bool Agent::modelPaused(qint64 tenantId) const
{
    const QMutexLocker lock(&m_pausedLock);
    return m_pausedUntilMs.value(tenantId, 0) > QDateTime::currentMSecsSinceEpoch();
}

void Agent::preview(qint64 tenantId, const QString &text, QObject *context,
                    std::function<void(Result<AgentTurn::Plan>)> done)
{
    AgentTurn::Input input; // conversation 0: a new chat
    input.tenantId = tenantId;
    input.message.body = text;
    input.message.type = QStringLiteral("text");
    // From the console's thread too: the models are read on the agent's own.
    auto reply = deliverTo(context, std::move(done));
    onThreadOf(this, [this, input, reply] {
        auto models = m_models;
        m_store.run(
            this,
            [input, models](Store &store) { return AgentTurn::decide(store, *models, input); },
            reply);
    });
}

void Agent::checkModel(const ModelEndpoint &endpoint, QObject *context,
                       std::function<void(Result<qint64>)> done)
{
    if (!endpoint.configured()) {
        done(Result<qint64>::failure(QStringLiteral("Set the model server's address and the "
                                                    "model's name first.")));
        return;
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const QJsonArray messages{
        QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                    {QStringLiteral("content"), QStringLiteral("Reply with the single word OK.")}},
        QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                    {QStringLiteral("content"), QStringLiteral("Are you there?")}}};
    // From the console's thread too: the request goes out on the agent's (and its network's).
    auto reply = deliverTo(context, std::move(done));
    onThreadOf(this, [this, endpoint, messages, timer, reply] {
        m_ai.chat(endpoint, messages, ModelToolSchemas::tools(),
                  [timer, reply](Result<QJsonObject> answer) {
                      if (!answer)
                          return reply(Result<qint64>::failure(answer.error()));
                      reply(timer->elapsed());
                  });
    });
}

void Agent::onMessagesAppended(qint64 tenantId, qint64 conversationId,
                               const QList<Message> &messages)
{
    for (const Message &m : messages) {
        if (m.author == Author::Customer && m.direction == Direction::Inbound) {
            wake(tenantId, conversationId);
            return;
        }
    }
}

void Agent::wake(qint64 tenantId, qint64 conversationId)
{
    if (!m_running)
        return;
    if (m_busy.contains(conversationId)) {
        m_again.insert(conversationId);
        return;
    }
    m_busy.insert(conversationId, tenantId);
    next({tenantId, conversationId});
}

void Agent::sweep()
{
    if (!m_running || m_sweeping)
        return;
    m_sweeping = true;
    struct Found
    {
        QList<BotQueueStore::Chat> chats;
        int waiting = 0;
    };
    m_store.run(
        this,
        [node = m_node](Store &store) -> Result<Found> {
            auto chats = store.botQueue().available(node, 200);
            if (!chats)
                return Result<Found>::failure(chats);
            auto waiting = store.botQueue().waiting();
            if (!waiting)
                return Result<Found>::failure(waiting);
            return Found{chats.value(), waiting.value()};
        },
        [this](Result<Found> found) {
            m_sweeping = false;
            if (!found) {
                qCWarning(lcAgent).noquote() << "The bot cannot read its queue:" << found.error();
                return;
            }
            if (found->waiting != m_backlog)
                Q_EMIT backlogChanged(m_backlog = found->waiting);
            for (const BotQueueStore::Chat &c : std::as_const(found->chats))
                wake(c.tenantId, c.conversationId);
        });
}

namespace {

// The chat's next waiting message, under this node's lease: taken or renewed (one write) only
// when less than half of it is left, so a busy chat costs no write per turn for the lease. With
// no message left the lease is given back, then the queue looked at once more: a message stored
// while this node held the chat (whose node could not take the chat) is found here.
struct Claimed
{
    std::optional<AgentTurn::Input> input;
    qint64 heldUntil = 0; // this node's lease (0: it holds none now)
};

Result<Claimed> claimNext(Store &store, const BotQueueStore::Chat &chat, const QString &node,
                          qint64 leaseMs, qint64 heldUntil)
{
    using R = Result<Claimed>;
    BotQueueStore &queue = store.botQueue();
    Claimed out;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (heldUntil - QDateTime::currentMSecsSinceEpoch() < leaseMs / 2) {
            const qint64 until = QDateTime::currentMSecsSinceEpoch() + leaseMs;
            auto held = queue.claim(chat, node, leaseMs);
            if (!held)
                return R::failure(held);
            if (!held.value())
                return out; // another node answers this chat
            heldUntil = until;
        }
        out.heldUntil = heldUntil;
        auto message = queue.next(chat);
        if (!message)
            return R::failure(message);
        if (message->has_value()) {
            out.input = AgentTurn::Input{chat.tenantId, chat.conversationId, *message.value()};
            return out;
        }
        const Status released = queue.release(chat, node);
        if (!released)
            return R::failure(released);
        out.heldUntil = heldUntil = 0;
        auto late = queue.next(chat);
        if (!late)
            return R::failure(late);
        if (!late->has_value())
            break;
    }
    return out;
}

} // namespace

void Agent::next(Chat chat)
{
    if (!m_running) {
        done(chat.conversationId);
        return;
    }
    auto models = m_models;
    auto held = std::make_shared<qint64>(m_heldUntil.value(chat.conversationId, 0));
    const QDateTime now = m_clock ? m_clock() : QDateTime();
    m_store.run(
        this,
        [chat, node = m_node, lease = m_leaseMs, models, held, now,
         startedAt = m_startedAt](Store &store) -> Result<AgentTurn::Plan> {
            auto claimed = claimNext(store, chat, node, lease, *held);
            if (!claimed)
                return Result<AgentTurn::Plan>::failure(claimed);
            *held = claimed->heldUntil;
            if (!claimed->input) {
                AgentTurn::Plan none; // nothing to answer here
                return none;
            }
            claimed->input->now = now;
            claimed->input->botSince = startedAt;
            // In its own transaction, so that on PostgreSQL a failed read leaves the rest of
            // this job (taking the message off the queue) able to run.
            auto plan =
                store.transact([&] { return AgentTurn::load(store, *models, *claimed->input); });
            if (!plan && plan.errorKind() != ErrorKind::ConnectionLost) {
                // It would fail again: the message leaves the queue so the chat goes on.
                auto taken = store.botQueue().take(chat.tenantId, claimed->input->message.id);
                if (!taken)
                    return Result<AgentTurn::Plan>::failure(taken);
            }
            return plan;
        },
        [this, chat, held](Result<AgentTurn::Plan> plan) {
            if (*held > 0)
                m_heldUntil.insert(chat.conversationId, *held);
            else
                m_heldUntil.remove(chat.conversationId);
            if (!plan) {
                // The next sweep comes back for the chat (and its next message, when this
                // one left the queue).
                Q_EMIT failed(chat.tenantId, chat.conversationId, plan.error());
                done(chat.conversationId);
                return;
            }
            if (plan->input.conversationId == 0) {
                done(chat.conversationId);
                return;
            }
            if (!plan->waitingFor.isEmpty()) {
                // Its voice note or photo is still being fetched or read: the chat waits (its
                // later messages too, to keep their order); the reader wakes the bot, or the
                // next sweep comes back.
                done(chat.conversationId);
                return;
            }
            if (plan->silentReason.isEmpty() && plan->channelId > 0)
                Q_EMIT answering(plan->channelId, plan->customer,
                                 plan->input.message.providerMessageId);
            understand(std::move(plan.value()));
        });
}

void Agent::understand(AgentTurn::Plan plan)
{
    if (!plan.silentReason.isEmpty()) {
        respond(std::move(plan));
        return;
    }
    auto kept = std::make_shared<AgentTurn::Plan>(std::move(plan));
    QPointer<Agent> self(this);
    m_compute.start([self, kept] {
        AgentTurn::understand(*kept);
        if (self)
            QMetaObject::invokeMethod(
                self, [self, kept] { self->respond(std::move(*kept)); }, Qt::QueuedConnection);
    });
}

void Agent::respond(AgentTurn::Plan plan)
{
    const AgentTurn::Input input = plan.input;
    m_store.run(
        this,
        [plan = std::move(plan)](Store &store) mutable {
            return AgentTurn::respond(store, std::move(plan));
        },
        [this, input](Result<AgentTurn::Plan> plan) {
            if (!plan) {
                if (!tryAgainLater(input.tenantId, input.conversationId, input.message.id,
                                   plan.error(), plan.errorKind()))
                    giveUp(input.tenantId, input.conversationId, input.message, plan.error());
                return;
            }
            if (plan->silentReason.isEmpty() && plan->modelMayAnswer) {
                askModel(input.conversationId,
                         std::make_shared<AgentTurn::Plan>(std::move(plan.value())));
                return;
            }
            askKnowledge(input.conversationId, std::move(plan.value()));
        });
}

bool Agent::tryAgainLater(qint64 tenantId, qint64 conversationId, qint64 messageId,
                          const QString &error, ErrorKind kind)
{
    // A lost database is waited for, however long; any other failure is tried twice more (the
    // database may only have been busy: another node's lock, a deadlock it broke) before the
    // message leaves the queue. Until then it stays queued and the next sweep comes back.
    if (kind != ErrorKind::ConnectionLost && ++m_failedTurns[messageId] >= kTurnAttempts) {
        m_failedTurns.remove(messageId);
        return false;
    }
    Q_EMIT failed(tenantId, conversationId, error);
    qCInfo(lcAgent).noquote() << "The bot will try message" << messageId << "again:" << error;
    done(conversationId);
    return true;
}

void Agent::giveUp(qint64 tenantId, qint64 conversationId, const Message &message,
                   const QString &error)
{
    Q_EMIT failed(tenantId, conversationId, error);
    // A turn that fails for its message (not for the database) would fail again: the message
    // leaves the queue, with the error in the log, so the chat goes on.
    qCWarning(lcAgent).noquote() << "The bot could not answer message" << message.id << ":"
                                 << error;
    m_store.run(
        this,
        [tenantId, id = message.id](Store &store) -> Status {
            auto taken = store.botQueue().take(tenantId, id);
            return taken ? success() : Status::failure(taken);
        },
        [this, tenantId, conversationId](Status taken) {
            if (taken)
                next({tenantId, conversationId});
            else
                done(conversationId); // the sweep comes back for it
        });
}

void Agent::askModel(qint64 conversationId, std::shared_ptr<AgentTurn::Plan> plan)
{
    const qint64 tenantId = plan->input.tenantId;
    CircuitBreaker &breaker = m_breakers[tenantId];
    CircuitBreaker::Limits limits;
    limits.slowAfter = CircuitBreaker::Duration(plan->model.timeoutMs);
    const int coolDown = plan->settings.value(QStringLiteral("ai.cooldown_s")).toInt();
    limits.coolDown = CircuitBreaker::Duration(qint64(coolDown > 0 ? coolDown : 60) * 1000);
    breaker.setLimits(limits);
    if (!breaker.allows()) {
        AgentTurn::ModelReply reply;
        reply.skipped = QStringLiteral("the model is paused for %1 s more: %2")
                            .arg((breaker.remainingMs() + 999) / 1000)
                            .arg(breaker.reason());
        useModel(conversationId, plan, std::move(reply));
        return;
    }
    auto reply = std::make_shared<AgentTurn::ModelReply>();
    reply->state = plan->before;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ModelToolLoop::run(
        m_ai, plan->model, plan->modelMessages,
        [this, plan, reply](const QString &name, const QJsonObject &arguments,
                            std::function<void(QJsonObject)> done) {
            modelCall(plan, reply, name, arguments, std::move(done));
        },
        this,
        [this, conversationId, plan, reply, timer, tenantId](ModelToolLoop::Outcome outcome) {
            CircuitBreaker &b = m_breakers[tenantId];
            if (outcome.ok)
                b.succeeded(CircuitBreaker::Duration(outcome.slowestMs));
            else
                b.failed(outcome.failure, outcome.slow);
            const bool open = b.isOpen();
            bool wasOpen = false;
            {
                const QMutexLocker lock(&m_pausedLock);
                wasOpen = m_pausedUntilMs.contains(tenantId);
                if (open)
                    m_pausedUntilMs.insert(tenantId,
                                           QDateTime::currentMSecsSinceEpoch() + b.remainingMs());
                else
                    m_pausedUntilMs.remove(tenantId);
            }
            if (open != wasOpen) {
                if (open)
                    qCWarning(lcAgent).noquote()
                        << "store" << tenantId << "language model paused:" << b.reason();
                else
                    qCInfo(lcAgent) << "store" << tenantId << "language model back";
                Q_EMIT modelBreakerChanged(tenantId, open, b.reason());
            }
            reply->loop = std::move(outcome);
            reply->ms = double(timer->nsecsElapsed()) / 1e6;
            useModel(conversationId, plan, std::move(*reply));
        });
}

void Agent::modelCall(const std::shared_ptr<AgentTurn::Plan> &plan,
                      const std::shared_ptr<AgentTurn::ModelReply> &reply, const QString &name,
                      const QJsonObject &arguments, std::function<void(QJsonObject)> done)
{
    if (name == QLatin1String("escalate_to_human")) {
        reply->escalation = arguments.value(QStringLiteral("reason")).toString();
        done({{QStringLiteral("handed_over"), true},
              {QStringLiteral("next"), QStringLiteral("the store's staff will reply; say so "
                                                      "briefly")}});
        return;
    }
    if (name == QLatin1String("answer_from_knowledge")) {
        KnowledgeService::Request request;
        request.tenantId = plan->input.tenantId;
        request.question = arguments.value(QStringLiteral("question")).toString();
        request.conversationId = plan->input.conversationId;
        request.source = QStringLiteral("live");
        request.names = plan->names;
        request.useModel = false; // the model writing this reply reads the passages itself
        m_knowledge.ask(request, this, [done](Result<KnowledgeService::Reply> r) {
            if (!r)
                return done({{QStringLiteral("error"), r.error()}});
            QJsonArray passages;
            for (const SearchHit &h : r->hits.mid(0, 3))
                passages.append(QJsonObject{{QStringLiteral("title"), h.chunk.title},
                                            {QStringLiteral("heading"), h.chunk.heading},
                                            {QStringLiteral("text"), h.chunk.text}});
            done({{QStringLiteral("answer"), r->answer.escalate ? QString() : r->answer.text},
                  {QStringLiteral("confidence"), r->answer.confidence},
                  {QStringLiteral("passages"), passages}});
        });
        return;
    }
    auto models = m_models;
    m_store.run(
        this,
        [plan, reply, models, name, arguments](Store &store) {
            return Result<QJsonObject>(
                AgentTurn::runModelTool(store, *models, *plan, reply->state, name, arguments));
        },
        [done](Result<QJsonObject> result) {
            done(result ? result.value() : QJsonObject{{QStringLiteral("error"), result.error()}});
        });
}

void Agent::useModel(qint64 conversationId, std::shared_ptr<AgentTurn::Plan> plan,
                     AgentTurn::ModelReply reply)
{
    auto models = m_models;
    m_store.run(
        this,
        [plan, models, reply = std::move(reply)](Store &store) {
            AgentTurn::useModelReply(store, *models, *plan, reply);
            return success();
        },
        [this, conversationId, plan](Status) { askKnowledge(conversationId, std::move(*plan)); });
}

void Agent::askKnowledge(qint64 conversationId, AgentTurn::Plan plan)
{
    if (plan.knowledgeQuestion.isEmpty() || !plan.silentReason.isEmpty()) {
        finish(conversationId, std::move(plan), std::nullopt);
        return;
    }
    KnowledgeService::Request request;
    request.tenantId = plan.input.tenantId;
    request.question = plan.knowledgeQuestion;
    request.conversationId = conversationId;
    request.source = QStringLiteral("live");
    request.names = plan.names;
    request.useModel = !modelPaused(plan.input.tenantId);
    auto kept = std::make_shared<AgentTurn::Plan>(std::move(plan));
    m_knowledge.ask(request, this,
                    [this, conversationId, kept](Result<KnowledgeService::Reply> reply) {
                        finish(conversationId, std::move(*kept), knowledgeAnswer(reply));
                    });
}

void Agent::finish(qint64 conversationId, AgentTurn::Plan plan,
                   std::optional<AgentTurn::KnowledgeAnswer> knowledge)
{
    const qint64 tenantId = plan.input.tenantId;
    const Message message = plan.input.message;
    plan.dataDir = m_dataDir;
    m_store.run(
        this,
        [plan = std::move(plan), knowledge](Store &store) mutable {
            return AgentTurn::commit(store, std::move(plan), knowledge);
        },
        [this, tenantId, conversationId, message](Result<AgentTurn::Outcome> outcome) {
            if (!outcome) {
                if (!tryAgainLater(tenantId, conversationId, message.id, outcome.error(),
                                   outcome.errorKind()))
                    giveUp(tenantId, conversationId, message, outcome.error());
                return;
            }
            m_failedTurns.remove(message.id);
            Q_EMIT handled(tenantId, conversationId, outcome.value());
            next({tenantId, conversationId});
        });
}

void Agent::done(qint64 conversationId)
{
    const qint64 tenantId = m_busy.take(conversationId);
    if (m_again.remove(conversationId) && m_running) {
        wake(tenantId, conversationId);
        return;
    }
    if (m_busy.isEmpty())
        Q_EMIT idle();
}

} // namespace shopdesk
