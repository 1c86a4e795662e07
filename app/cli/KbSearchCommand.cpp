#include "cli/KbSearchCommand.h"

#include "knowledge/GroundedAnswer.h"
#include "knowledge/KnowledgeService.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <optional>

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
    qint64 tenantId = 0;
    {
        auto store = openStore(parser);
        if (!store)
            return fail(store.error());
        auto tenant = this->tenant(*store.value(), parser);
        if (!tenant)
            return fail(tenant.error());
        tenantId = tenant->id;
    }
    auto url = databaseUrl(parser);
    if (!url)
        return fail(url.error());
    const int limit =
        parser.isSet(QStringLiteral("limit")) ? parser.value(QStringLiteral("limit")).toInt() : 5;

    // The live bot's pipeline, as the engine runs it: the store on its own thread, the store's
    // settings, vectors and model when it has endpoints, and a line in the retrieval log.
    StoreWorker worker(url.value());
    QNetworkAccessManager network;
    KnowledgeService knowledge(worker, network);
    QEventLoop loop;
    std::optional<Result<KnowledgeService::Reply>> answered;
    QObject::connect(&worker, &StoreWorker::failed, &loop, [&](const QString &error) {
        answered.emplace(Result<KnowledgeService::Reply>::failure(error));
        loop.quit();
    });
    QObject::connect(&worker, &StoreWorker::ready, &loop, [&] {
        KnowledgeService::Request request;
        request.tenantId = tenantId;
        request.question = query;
        request.source = QStringLiteral("test");
        request.limit = limit;
        knowledge.ask(request, &loop, [&](Result<KnowledgeService::Reply> reply) {
            answered.emplace(std::move(reply));
            loop.quit();
        });
    });
    worker.start();
    loop.exec();
    knowledge.shutdown();
    worker.close();
    if (!answered->ok())
        return fail(answered->error());
    const KnowledgeService::Reply &reply = answered->value();
    QJsonArray array;
    for (const SearchHit &h : std::as_const(reply.hits))
        array.append(
            QJsonObject{{QStringLiteral("chunk_id"), h.chunk.chunkId},
                        {QStringLiteral("document"), h.chunk.title},
                        {QStringLiteral("heading"), h.chunk.heading},
                        {QStringLiteral("text"), h.chunk.text},
                        {QStringLiteral("score"), h.score},
                        {QStringLiteral("signals"), QJsonArray::fromStringList(h.signalNames())}});
    const GroundedAnswer &answer = reply.answer;
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject json{{QStringLiteral("query"), reply.query},
                               {QStringLiteral("passages"), array},
                               {QStringLiteral("answer"), answer.text},
                               {QStringLiteral("answered_by"), reply.answeredBy},
                               {QStringLiteral("confidence"), answer.confidence},
                               {QStringLiteral("escalate"), answer.escalate},
                               {QStringLiteral("reason"), answer.reason},
                               {QStringLiteral("notes"), reply.notes},
                               {QStringLiteral("latency_ms"), reply.latencyMs}};
        out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    out() << (answer.escalate ? "would hand over to a person: " : "would answer: ")
          << (answer.escalate ? answer.reason : answer.text) << "\n   ("
          << (answer.escalate ? QString() : answer.reason) << ")\n";
    if (!reply.notes.isEmpty())
        out() << "   note: " << reply.notes << '\n';
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
