#include "agent/Agent.h"

#include "core/Logging.h"
#include "knowledge/KnowledgeService.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>

namespace shopdesk {

Agent::Agent(StoreWorker &store, KnowledgeService &knowledge, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_knowledge(knowledge)
    , m_models(std::make_shared<AgentModels>())
{}

Agent::~Agent() = default;

void Agent::handle(qint64 tenantId, qint64 conversationId, const QList<Message> &messages)
{
    auto &queue = m_queues[conversationId];
    for (const Message &m : messages) {
        if (m.author == Author::Customer)
            queue.enqueue({tenantId, conversationId, m});
    }
    if (!m_busy.contains(conversationId) && !queue.isEmpty())
        next(conversationId);
}

void Agent::next(qint64 conversationId)
{
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
            if (plan->knowledgeQuestion.isEmpty() || !plan->silentReason.isEmpty()) {
                finish(conversationId, std::move(plan.value()), std::nullopt);
                return;
            }
            KnowledgeService::Request request;
            request.tenantId = input.tenantId;
            request.question = plan->knowledgeQuestion;
            request.conversationId = conversationId;
            request.source = QStringLiteral("live");
            auto kept = std::make_shared<AgentTurn::Plan>(std::move(plan.value()));
            m_knowledge.ask(
                request, this, [this, conversationId, kept](Result<KnowledgeService::Reply> reply) {
                    AgentTurn::KnowledgeAnswer answer;
                    if (reply) {
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
                    } else {
                        answer.reason = reply.error();
                    }
                    finish(conversationId, std::move(*kept), answer);
                });
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
