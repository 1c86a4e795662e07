#include "agent/ModelToolLoop.h"

#include "agent/ModelToolSchemas.h"
#include "ai/OpenAiClient.h"

#include <QJsonDocument>

namespace shopdesk {

namespace {

struct LoopState
{
    OpenAiClient *client = nullptr;
    ModelEndpoint endpoint;
    QJsonArray messages;
    ModelToolLoop::Executor execute;
    QJsonArray tools;
    QPointer<QObject> context;
    std::function<void(ModelToolLoop::Outcome)> done;
    int maxRounds = ModelToolLoop::kMaxRounds;
    ModelToolLoop::Outcome outcome;
};

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void request(const std::shared_ptr<LoopState> &s);

// Runs the calls of one assistant message in order, then asks the model again.
void runCalls(const std::shared_ptr<LoopState> &s, QJsonArray calls, qsizetype i)
{
    if (!s->context)
        return;
    if (i >= calls.size()) {
        request(s);
        return;
    }
    const QJsonObject call = calls.at(i).toObject();
    const QString id = call.value(QStringLiteral("id")).toString();
    const QJsonObject function = call.value(QStringLiteral("function")).toObject();
    const QString name = function.value(QStringLiteral("name")).toString();
    const auto answer = [s, calls, i, id](const QJsonObject &result) {
        s->messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                                       {QStringLiteral("tool_call_id"), id},
                                       {QStringLiteral("content"), compact(result)}});
        runCalls(s, calls, i + 1);
    };
    const auto args = ModelToolSchemas::validateAgainst(
        s->tools, name, function.value(QStringLiteral("arguments")));
    if (!args) {
        ++s->outcome.rejectedCalls;
        s->outcome.calls.append(
            QJsonObject{{QStringLiteral("tool"), name}, {QStringLiteral("error"), args.error()}});
        answer({{QStringLiteral("error"), args.error()}});
        return;
    }
    s->execute(name, args.value(), [s, answer, name, arguments = args.value()](QJsonObject result) {
        s->outcome.calls.append(QJsonObject{{QStringLiteral("tool"), name},
                                            {QStringLiteral("arguments"), arguments},
                                            {QStringLiteral("result"), result}});
        s->outcome.evidence << compact(result);
        answer(result);
    });
}

void finish(const std::shared_ptr<LoopState> &s)
{
    if (s->context && s->done)
        s->done(s->outcome);
    s->done = nullptr;
}

void request(const std::shared_ptr<LoopState> &s)
{
    if (s->outcome.rounds >= s->maxRounds) {
        s->outcome.failure =
            QStringLiteral("the model did not finish its answer in %1 steps").arg(s->maxRounds);
        finish(s);
        return;
    }
    ++s->outcome.rounds;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    s->client->chat(s->endpoint, s->messages, s->tools, [s, timer](Result<QJsonObject> reply) {
        const qint64 took = timer->elapsed();
        s->outcome.slowestMs = std::max(s->outcome.slowestMs, took);
        if (!reply) {
            s->outcome.failure = reply.error();
            s->outcome.slow = took >= s->endpoint.timeoutMs * 9 / 10;
            finish(s);
            return;
        }
        const QJsonObject message = reply.value();
        const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
        if (!calls.isEmpty()) {
            QJsonObject kept{{QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("content"), QJsonValue()},
                             {QStringLiteral("tool_calls"), calls}};
            s->messages.append(kept);
            runCalls(s, calls, 0);
            return;
        }
        const QString text = message.value(QStringLiteral("content")).toString().trimmed();
        if (text.isEmpty()) {
            s->outcome.failure = QStringLiteral("the model sent neither a reply nor a tool call");
            finish(s);
            return;
        }
        s->outcome.ok = true;
        s->outcome.text = text;
        finish(s);
    });
}

} // namespace

void ModelToolLoop::run(OpenAiClient &client, const ModelEndpoint &endpoint, QJsonArray messages,
                        Executor execute, QObject *context, std::function<void(Outcome)> done,
                        int maxRounds)
{
    run(client, endpoint, std::move(messages), ModelToolSchemas::tools(), std::move(execute),
        context, std::move(done), maxRounds);
}

void ModelToolLoop::run(OpenAiClient &client, const ModelEndpoint &endpoint, QJsonArray messages,
                        const QJsonArray &tools, Executor execute, QObject *context,
                        std::function<void(Outcome)> done, int maxRounds)
{
    auto s = std::make_shared<LoopState>();
    s->client = &client;
    s->endpoint = endpoint;
    s->messages = std::move(messages);
    s->tools = tools;
    s->execute = std::move(execute);
    s->context = context;
    s->done = std::move(done);
    s->maxRounds = maxRounds;
    request(s);
}

} // namespace shopdesk
