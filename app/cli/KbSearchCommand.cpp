#include "cli/KbSearchCommand.h"

#include "knowledge/GroundedAnswer.h"
#include "knowledge/KnowledgeSearch.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void KbSearchCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("limit"), QStringLiteral("How many passages (default 5)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the results as JSON.")});
}

int KbSearchCommand::run(const QCommandLineParser &parser)
{
    const QString query = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (query.isEmpty())
        return fail(QStringLiteral("Say what to search for: shopdesk-cli kb search --tenant SLUG "
                                   "delivery charges"));
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    const int limit =
        parser.isSet(QStringLiteral("limit")) ? parser.value(QStringLiteral("limit")).toInt() : 5;
    auto hits = KnowledgeSearch::run(*store.value(), tenant->id, query, limit);
    if (!hits)
        return fail(hits.error());
    QJsonArray array;
    for (const SearchHit &h : std::as_const(hits.value()))
        array.append(
            QJsonObject{{QStringLiteral("chunk_id"), h.chunk.chunkId},
                        {QStringLiteral("document"), h.chunk.title},
                        {QStringLiteral("heading"), h.chunk.heading},
                        {QStringLiteral("text"), h.chunk.text},
                        {QStringLiteral("score"), h.score},
                        {QStringLiteral("signals"), QJsonArray::fromStringList(h.signalNames())}});
    const GroundedAnswer answer = GroundedAnswer::from(query, hits.value());
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject json{{QStringLiteral("passages"), array},
                               {QStringLiteral("answer"), answer.text},
                               {QStringLiteral("confidence"), answer.confidence},
                               {QStringLiteral("escalate"), answer.escalate},
                               {QStringLiteral("reason"), answer.reason}};
        out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    out() << (answer.escalate ? "would hand over to a person: " : "would answer: ")
          << (answer.escalate ? answer.reason : answer.text) << "\n   ("
          << (answer.escalate ? QString() : answer.reason) << ")\n";
    if (array.isEmpty())
        out() << "nothing in this store's knowledge matches \"" << query << "\"\n";
    int n = 0;
    for (const QJsonValue &v : std::as_const(array)) {
        const QJsonObject h = v.toObject();
        out() << ++n << ". " << h.value(QLatin1String("document")).toString() << " › "
              << h.value(QLatin1String("heading")).toString() << "  ("
              << QString::number(h.value(QLatin1String("score")).toDouble(), 'f', 4) << ", "
              << h.value(QLatin1String("signals")).toVariant().toStringList().join(QLatin1Char('+'))
              << ")\n   " << h.value(QLatin1String("text")).toString().simplified().left(160)
              << '\n';
    }
    return ExitOk;
}

} // namespace shopdesk
