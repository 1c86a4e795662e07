#include "cli/AgentTryCommand.h"

#include "agent/AgentTurn.h"
#include "storage/Store.h"

#include <QJsonDocument>

namespace shopdesk {

void AgentTryCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the whole trace as JSON.")});
}

int AgentTryCommand::run(const QCommandLineParser &parser)
{
    const QString text = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("Give the message: shopdesk-cli agent try --tenant SLUG \"2 "
                                   "milk aur 1 bread\""));
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    Store &store = *opened->store;
    const Tenant &t = opened->tenant;
    AgentModels models;
    AgentTurn::Input input; // conversation 0: a new chat, nothing is written
    input.tenantId = t.id;
    input.message.body = text;
    input.message.type = QStringLiteral("text");
    auto plan = AgentTurn::decide(store, models, input);
    if (!plan)
        return fail(plan.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject trace = plan->trace;
        trace.insert(QStringLiteral("tools"), plan->tools);
        trace.insert(QStringLiteral("reply"), plan->reply);
        trace.insert(QStringLiteral("escalation"), plan->escalation);
        trace.insert(QStringLiteral("knowledge_question"), plan->knowledgeQuestion);
        out() << QJsonDocument(trace).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    const QJsonObject intent = plan->trace.value(QStringLiteral("intent")).toObject();
    out() << QStringLiteral("intent: %1 (%2)\n")
                 .arg(intent.value(QStringLiteral("label")).toString())
                 .arg(intent.value(QStringLiteral("probability")).toDouble(), 0, 'f', 2);
    for (const QJsonValue &e : plan->trace.value(QStringLiteral("entities")).toArray())
        out() << QStringLiteral("item: %1 -> %2 (%3)\n")
                     .arg(e[QStringLiteral("text")].toString(),
                          e[QStringLiteral("product")].toString(QStringLiteral("not found")))
                     .arg(e[QStringLiteral("confidence")].toDouble(), 0, 'f', 2);
    if (!plan->escalation.isEmpty())
        out() << "hands over: " << plan->escalation << '\n';
    if (!plan->knowledgeQuestion.isEmpty())
        out() << "asks the store's documents\n";
    if (!plan->reply.isEmpty())
        out() << "reply: " << plan->reply << '\n';
    return ExitOk;
}

} // namespace shopdesk
