#pragma once

#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace shopdesk {

// Retrieval quality on a BEIR-format set, measured with the bot's own pipeline: the corpus is
// imported into a temporary store (one passage per document, the title kept apart), every query
// goes through the kept retriever (transliteration, BM25 + fuzzy), and the top 100 are scored
// against the qrels like BEIR's evaluator (linear gains, a document never counts for a query of
// the same id, queries without judgements left out).
class BeirEvaluation
{
public:
    struct Document
    {
        QString id;
        QString title;
        QString text;
    };
    struct Set
    {
        QList<Document> corpus;
        QHash<QString, QString> queries;           // id -> text
        QHash<QString, QHash<QString, int>> qrels; // query id -> document id -> grade
    };
    struct Report
    {
        int documents = 0;
        int queries = 0;
        double ndcg10 = 0;
        double recall10 = 0;
        double recall100 = 0;
        double mrr10 = 0;
        double p50Ms = 0;
        double p99Ms = 0;
        double indexSeconds = 0;
    };

    // Reads corpus.jsonl ({"_id","title","text"}), queries.jsonl ({"_id","text"}) and a qrels TSV
    // with a header (query-id, corpus-id, score); a bad line is named with its number.
    static Result<Set> load(const QString &corpusPath, const QString &queriesPath,
                            const QString &qrelsPath);
    // progress(done, total) as queries are run.
    // synonyms: a store's groups, applied to the queries like the live bot does.
    static Result<Report> run(const Set &set, const QString &synonyms = {},
                              const std::function<void(int, int)> &progress = {});

    // The metrics for one query: `ranked` is the retrieved ids, best first.
    static double ndcgAt(const QStringList &ranked, const QHash<QString, int> &judged, int k);
    static double recallAt(const QStringList &ranked, const QHash<QString, int> &judged, int k);
    static double mrrAt(const QStringList &ranked, const QHash<QString, int> &judged, int k);
};

} // namespace shopdesk
