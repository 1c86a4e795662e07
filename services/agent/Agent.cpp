#include "agent/Agent.h"

#include "agent/ModelToolSchemas.h"
#include "core/Logging.h"
#include "knowledge/KnowledgeService.h"
#include "storage/StoreWorker.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointer>

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
    m_backlogCheck.setInterval(1000);
    connect(&m_backlogCheck, &QTimer::timeout, this, [this] {
        const int now = backlog();
        if (now != m_lastBacklog)
            Q_EMIT backlogChanged(m_lastBacklog = now);
        if (now == 0)
            m_backlogCheck.stop();
    });
}

int Agent::backlog() const
{
    return m_backlog;
}

Agent::~Agent() = default;

bool Agent::modelPaused(qint64 tenantId) const
{
    const auto it = m_breakers.constFind(tenantId);
    return it != m_breakers.cend() && it->isOpen();
}

void Agent::preview(qint64 tenantId, const QString &text, QObject *context,
                    std::function<void(Result<AgentTurn::Plan>)> done)
{
    AgentTurn::Input input; // conversation 0: a new chat
    input.tenantId = tenantId;
    input.message.body = text;
    input.message.type = QStringLiteral("text");
    auto models = m_models;
    m_store.run(
        context, [input, models](Store &store) { return AgentTurn::decide(store, *models, input); },
        std::move(done));
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
    QPointer<QObject> guard(context);
    m_ai.chat(endpoint, messages, ModelToolSchemas::tools(),
              [guard, timer, done = std::move(done)](Result<QJsonObject> reply) {
                  if (!guard)
                      return;
                  if (!reply)
                      return done(Result<qint64>::failure(reply.error()));
                  done(timer->elapsed());
              });
}

void Agent::handle(qint64 tenantId, qint64 conversationId, const QList<Message> &messages)
{
    auto &queue = m_queues[conversationId];
    for (const Message &m : messages) {
        if (m.author == Author::Customer) {
            queue.enqueue({tenantId, conversationId, m});
            ++m_backlog;
        }
    }
    if (!m_busy.contains(conversationId) && !queue.isEmpty())
        next(conversationId);
    // A burst is said at once; smaller changes at the next check.
    if (m_backlog - m_lastBacklog >= 100)
        Q_EMIT backlogChanged(m_lastBacklog = m_backlog);
    if (!m_backlogCheck.isActive())
        m_backlogCheck.start();
}

void Agent::next(qint64 conversationId)
{
    if (m_busy.contains(conversationId))
        --m_backlog; // its previous turn has finished
    auto &queue = m_queues[conversationId];
    if (queue.isEmpty()) {
        done(conversationId);
        return;
    }
    m_busy.insert(conversationId, true);
    const AgentTurn::Input input = queue.dequeue();
    auto models = m_models;
    m_store.run(
        this, [input, models](Store &store) { return AgentTurn::decide(store, *models, input); },
        [this, input, conversationId](Result<AgentTurn::Plan> plan) {
            if (!plan) {
                Q_EMIT failed(input.tenantId, conversationId, plan.error());
                next(conversationId);
                return;
            }
            if (plan->silentReason.isEmpty() && plan->modelMayAnswer) {
                askModel(conversationId,
                         std::make_shared<AgentTurn::Plan>(std::move(plan.value())));
                return;
            }
            askKnowledge(conversationId, std::move(plan.value()));
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
            if (open != m_paused.contains(tenantId)) {
                if (open) {
                    m_paused.insert(tenantId);
                    qCWarning(lcAgent).noquote()
                        << "store" << tenantId << "language model paused:" << b.reason();
                } else {
                    m_paused.remove(tenantId);
                    qCInfo(lcAgent) << "store" << tenantId << "language model back";
                }
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
    m_store.run(
        this,
        [plan = std::move(plan), knowledge](Store &store) mutable {
            return AgentTurn::commit(store, std::move(plan), knowledge);
        },
        [this, tenantId, conversationId](Result<AgentTurn::Outcome> outcome) {
            if (outcome)
                Q_EMIT handled(tenantId, conversationId, outcome.value());
            else
                Q_EMIT failed(tenantId, conversationId, outcome.error());
            next(conversationId);
        });
}

void Agent::done(qint64 conversationId)
{
    m_busy.remove(conversationId);
    m_queues.remove(conversationId);
    if (m_busy.isEmpty())
        Q_EMIT idle();
}

} // namespace shopdesk
