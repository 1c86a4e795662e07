#include "cli/KbEvalCommand.h"

#include "knowledge/BeirEvaluation.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void KbEvalCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("corpus"),
                      QStringLiteral("corpus.jsonl: one {\"_id\",\"title\",\"text\"} per line."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("queries"),
                      QStringLiteral("queries.jsonl: one {\"_id\",\"text\"} per line."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("qrels"),
                      QStringLiteral("qrels TSV with a header: query-id, corpus-id, score."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("synonyms"),
                      QStringLiteral("A store's synonyms, one group per line (doodh = milk), "
                                     "applied to the queries as the live bot does."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the results as JSON.")});
}

int KbEvalCommand::run(const QCommandLineParser &parser)
{
    for (const char *option : {"corpus", "queries", "qrels"}) {
        if (!parser.isSet(QLatin1String(option)))
            return fail(QStringLiteral("Say where the set is: shopdesk-cli kb eval --corpus "
                                       "corpus.jsonl --queries queries.jsonl --qrels test.tsv"));
    }
    auto set = BeirEvaluation::load(parser.value(QStringLiteral("corpus")),
                                    parser.value(QStringLiteral("queries")),
                                    parser.value(QStringLiteral("qrels")));
    if (!set)
        return fail(set.error());
    QString synonyms;
    if (parser.isSet(QStringLiteral("synonyms"))) {
        QFile file(parser.value(QStringLiteral("synonyms")));
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
        synonyms = QString::fromUtf8(file.readAll());
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!json)
        err() << "indexing " << set->corpus.size() << " documents…\n";
    auto report = BeirEvaluation::run(set.value(), synonyms, [&](int done, int total) {
        if (!json)
            err() << "\r" << done << "/" << total << " queries" << (done == total ? "\n" : "");
        err().flush();
    });
    if (!report)
        return fail(report.error());
    const BeirEvaluation::Report &r = report.value();
    if (json) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("documents"), r.documents},
                                           {QStringLiteral("queries"), r.queries},
                                           {QStringLiteral("ndcg@10"), r.ndcg10},
                                           {QStringLiteral("recall@10"), r.recall10},
                                           {QStringLiteral("recall@100"), r.recall100},
                                           {QStringLiteral("mrr@10"), r.mrr10},
                                           {QStringLiteral("latency_p50_ms"), r.p50Ms},
                                           {QStringLiteral("latency_p99_ms"), r.p99Ms},
                                           {QStringLiteral("index_seconds"), r.indexSeconds}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return ExitOk;
    }
    out() << QStringLiteral("documents   %1 (indexed in %2 s)\nqueries     %3\n")
                 .arg(r.documents)
                 .arg(r.indexSeconds, 0, 'f', 2)
                 .arg(r.queries)
          << QStringLiteral("nDCG@10     %1\nrecall@10   %2\nrecall@100  %3\nMRR@10      %4\n")
                 .arg(r.ndcg10, 0, 'f', 4)
                 .arg(r.recall10, 0, 'f', 4)
                 .arg(r.recall100, 0, 'f', 4)
                 .arg(r.mrr10, 0, 'f', 4)
          << QStringLiteral("latency     p50 %1 ms, p99 %2 ms\n")
                 .arg(r.p50Ms, 0, 'f', 2)
                 .arg(r.p99Ms, 0, 'f', 2);
    return ExitOk;
}

} // namespace shopdesk
