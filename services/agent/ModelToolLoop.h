#pragma once

#include "ai/ModelEndpoint.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace shopdesk {

class OpenAiClient;

// One turn of tool calling with an OpenAI-compatible model: send the conversation and the tools,
// run each tool call the model makes (after checking its arguments against the schema), send the
// results back, until the model writes its reply or `maxRounds` requests have been made. A tool
// call that is malformed is not run: the model gets the error as the tool's result and may
// correct itself. Everything the tools returned is kept as the evidence the reply is checked
// against.
class ModelToolLoop
{
public:
    // Runs one tool (already validated) and hands back its result; the result is what the
    // model sees.
    using Executor = std::function<void(const QString &name, const QJsonObject &arguments,
                                        std::function<void(QJsonObject result)> done)>;

    struct Outcome
    {
        bool ok = false;
        QString text;         // the model's reply
        QString failure;      // why there is no usable reply
        bool slow = false;    // a request ran into the time limit
        QJsonArray calls;     // {tool, arguments, result} or {tool, error}
        QStringList evidence; // every tool result, as JSON text
        int rounds = 0;
        int rejectedCalls = 0;
        qint64 slowestMs = 0;
    };

    static constexpr int kMaxRounds = 4;

    static void run(OpenAiClient &client, const ModelEndpoint &endpoint, QJsonArray messages,
                    Executor execute, QObject *context, std::function<void(Outcome)> done,
                    int maxRounds = kMaxRounds);
    // The same with other tools (OpenAI "function" tools, checked by
    // ModelToolSchemas::validateAgainst): the analytics' metric tool.
    static void run(OpenAiClient &client, const ModelEndpoint &endpoint, QJsonArray messages,
                    const QJsonArray &tools, Executor execute, QObject *context,
                    std::function<void(Outcome)> done, int maxRounds = kMaxRounds);
};

} // namespace shopdesk
