#include "knowledge/BeirEvaluation.h"

#include "knowledge/KnowledgeRetriever.h"
#include "storage/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

namespace shopdesk {

namespace {

// Calls f(lineNumber, line) for each non-empty line; stops at f's first error.
Status eachLine(const QString &path, const std::function<Status(int, const QByteArray &)> &f)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    int number = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++number;
        if (line.isEmpty())
            continue;
        if (auto ok = f(number, line); !ok)
            return ok;
    }
    return success();
}

Result<QJsonObject> jsonLine(const QString &path, int number, const QByteArray &line)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("_id")).isString())
        return Result<QJsonObject>::failure(
            QStringLiteral("%1, line %2: not a JSON object with an \"_id\"%3")
                .arg(path)
                .arg(number)
                .arg(error.error ? QStringLiteral(" (%1)").arg(error.errorString()) : QString()));
    return doc.object();
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype at =
        std::min(values.size() - 1, qsizetype(std::ceil(p * double(values.size()))) - 1);
    return values.at(std::max<qsizetype>(0, at));
}

} // namespace

Result<BeirEvaluation::Set> BeirEvaluation::load(const QString &corpusPath,
                                                 const QString &queriesPath,
                                                 const QString &qrelsPath)
{
    using R = Result<Set>;
    Set set;
    QSet<QString> ids;
    auto corpus = eachLine(corpusPath, [&](int n, const QByteArray &line) -> Status {
        auto o = jsonLine(corpusPath, n, line);
        if (!o)
            return Status::failure(o.error());
        Document d{o->value(QStringLiteral("_id")).toString(),
                   o->value(QStringLiteral("title")).toString(),
                   o->value(QStringLiteral("text")).toString()};
        if (ids.contains(d.id))
            return Status::failure(QStringLiteral("%1, line %2: document \"%3\" appears twice")
                                       .arg(corpusPath)
                                       .arg(n)
                                       .arg(d.id));
        ids.insert(d.id);
        set.corpus.append(d);
        return success();
    });
    if (!corpus)
        return R::failure(corpus.error());
    auto queries = eachLine(queriesPath, [&](int n, const QByteArray &line) -> Status {
        auto o = jsonLine(queriesPath, n, line);
        if (!o)
            return Status::failure(o.error());
        set.queries.insert(o->value(QStringLiteral("_id")).toString(),
                           o->value(QStringLiteral("text")).toString());
        return success();
    });
    if (!queries)
        return R::failure(queries.error());
    bool header = true;
    auto qrels = eachLine(qrelsPath, [&](int n, const QByteArray &line) -> Status {
        const QList<QByteArray> cols = line.split('\t');
        if (header) {
            header = false;
            if (!line.startsWith("query-id") && !line.startsWith("query_id"))
                return Status::failure(QStringLiteral("%1: the first line must be the header "
                                                      "query-id, corpus-id, score")
                                           .arg(qrelsPath));
            return success();
        }
        bool ok = false;
        const int score = cols.size() == 3 ? cols.at(2).trimmed().toInt(&ok) : 0;
        if (!ok)
            return Status::failure(
                QStringLiteral("%1, line %2: expected query-id, corpus-id and a whole-number "
                               "score separated by tabs")
                    .arg(qrelsPath)
                    .arg(n));
        set.qrels[QString::fromUtf8(cols.at(0))][QString::fromUtf8(cols.at(1))] = score;
        return success();
    });
    if (!qrels)
        return R::failure(qrels.error());
    if (set.corpus.isEmpty())
        return R::failure(QStringLiteral("The corpus is empty."));
    return set;
}

double BeirEvaluation::ndcgAt(const QStringList &ranked, const QHash<QString, int> &judged, int k)
{
    double dcg = 0;
    for (int i = 0; i < std::min<int>(k, int(ranked.size())); ++i)
        dcg += double(std::max(0, judged.value(ranked.at(i)))) / std::log2(double(i) + 2.0);
    QList<int> ideal = judged.values();
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double idcg = 0;
    for (int i = 0; i < std::min<int>(k, int(ideal.size())); ++i)
        idcg += double(std::max(0, ideal.at(i))) / std::log2(double(i) + 2.0);
    return idcg > 0 ? dcg / idcg : 0;
}

double BeirEvaluation::recallAt(const QStringList &ranked, const QHash<QString, int> &judged, int k)
{
    int relevant = 0;
    for (int grade : judged)
        relevant += grade > 0 ? 1 : 0;
    if (relevant == 0)
        return 0;
    int found = 0;
    for (int i = 0; i < std::min<int>(k, int(ranked.size())); ++i)
        found += judged.value(ranked.at(i)) > 0 ? 1 : 0;
    return double(found) / double(relevant);
}

double BeirEvaluation::mrrAt(const QStringList &ranked, const QHash<QString, int> &judged, int k)
{
    for (int i = 0; i < std::min<int>(k, int(ranked.size())); ++i) {
        if (judged.value(ranked.at(i)) > 0)
            return 1.0 / double(i + 1);
    }
    return 0;
}

Result<BeirEvaluation::Report> BeirEvaluation::run(const Set &set, const QString &synonyms,
                                                   const std::function<void(int, int)> &progress)
{
    using R = Result<Report>;
    QTemporaryDir dir;
    if (!dir.isValid())
        return R::failure(QStringLiteral("Cannot create a temporary folder for the evaluation."));
    auto opened =
        Store::open(DatabaseUrl::sqliteFile(dir.filePath(QStringLiteral("eval.sqlite3"))));
    if (!opened)
        return R::failure(opened.error());
    Store &store = *opened.value();
    auto tenant = store.tenants().addTenant(QStringLiteral("beir"), QStringLiteral("Evaluation"));
    if (!tenant)
        return R::failure(tenant.error());
    const qint64 tenantId = tenant->id;

    Report report;
    QElapsedTimer clock;
    clock.start();
    QList<QPair<KnowledgeDocument, QList<KnowledgeChunk>>> docs;
    docs.reserve(set.corpus.size());
    for (const Document &d : set.corpus) {
        KnowledgeDocument doc;
        doc.title = d.title;
        doc.sourceName = d.id;
        KnowledgeChunk chunk;
        chunk.text = d.text.isEmpty() ? d.title : d.text;
        docs.append({doc, {chunk}});
    }
    if (auto stored = store.knowledge().putDocuments(tenantId, docs); !stored)
        return R::failure(stored.error());
    auto documents = store.knowledge().documents(tenantId);
    if (!documents)
        return R::failure(documents.error());
    QHash<qint64, QString> corpusId;
    for (const KnowledgeDocument &d : std::as_const(documents.value()))
        corpusId.insert(d.id, d.sourceName);
    KnowledgeRetriever retriever;
    if (auto built = retriever.refresh(store, tenantId, QString()); !built)
        return R::failure(built.error());
    report.indexSeconds = double(clock.nsecsElapsed()) / 1e9;
    report.documents = int(set.corpus.size());

    QList<double> latencies;
    double ndcg = 0, r10 = 0, r100 = 0, mrr = 0;
    int done = 0;
    const int total = int(set.qrels.size());
    for (auto it = set.qrels.cbegin(); it != set.qrels.cend(); ++it) {
        const QString text = set.queries.value(it.key());
        if (text.isEmpty())
            continue;
        QElapsedTimer q;
        q.start();
        auto retrieval = retriever.retrieve(store, tenantId, text, synonyms, 101);
        latencies << double(q.nsecsElapsed()) / 1e6;
        if (!retrieval)
            return R::failure(retrieval.error());
        QStringList ranked;
        for (const SearchHit &h : std::as_const(retrieval->hits)) {
            const QString id = corpusId.value(h.chunk.documentId);
            if (id != it.key() && ranked.size() < 100)
                ranked << id;
        }
        ndcg += ndcgAt(ranked, it.value(), 10);
        r10 += recallAt(ranked, it.value(), 10);
        r100 += recallAt(ranked, it.value(), 100);
        mrr += mrrAt(ranked, it.value(), 10);
        ++report.queries;
        if (progress && (++done % 50 == 0 || done == total))
            progress(done, total);
    }
    retriever.close();
    if (report.queries == 0)
        return R::failure(QStringLiteral("No query has both a text and judgements in the qrels."));
    report.ndcg10 = ndcg / report.queries;
    report.recall10 = r10 / report.queries;
    report.recall100 = r100 / report.queries;
    report.mrr10 = mrr / report.queries;
    report.p50Ms = percentile(latencies, 0.50);
    report.p99Ms = percentile(latencies, 0.99);
    return report;
}

} // namespace shopdesk
