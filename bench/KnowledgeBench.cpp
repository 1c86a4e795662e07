// Knowledge retrieval benchmarks, run by bench/report.sh. Builds the retrieval index (BM25,
// trigrams, sounds-alike) over N passages made from the real BigBasket catalog's vocabulary
// (product names, brands, categories, prices), then times questions drawn from the passages
// (a fifth of them with a typo, a tenth of them a single very common word). Prints one JSON
// object per line: {"bench":"...","chunks":N,"value":...,"unit":"..."}
// Usage: shopdesk-bench-knowledge --catalog bigbasket_products.csv --chunks 10000,100000
//        [--queries 2000]
#include "knowledge/CsvTable.h"
#include "knowledge/KnowledgeIndex.h"
#include "knowledge/QueryNormalizer.h"

#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace shopdesk;
using namespace shopdesk::bench;

namespace {

void report(const QString &bench, qint64 chunks, double value, const QString &unit)
{
    const QJsonObject o{{QStringLiteral("bench"), bench},
                        {QStringLiteral("chunks"), chunks},
                        {QStringLiteral("value"), value},
                        {QStringLiteral("unit"), unit}};
    printLine(o);
}

double residentMb()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = statm.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toDouble() * 4096.0 / (1024.0 * 1024.0) : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("catalog"), QStringLiteral("BigBasket CSV."), QStringLiteral("FILE")},
         {QStringLiteral("chunks"), QStringLiteral("Sizes, comma-separated."),
          QStringLiteral("N,N")},
         {QStringLiteral("queries"), QStringLiteral("Questions per size."), QStringLiteral("N"),
          QStringLiteral("2000")}});
    parser.process(app);
    QFile file(parser.value(QStringLiteral("catalog")));
    if (!file.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot read the catalog"));
    auto rows = CsvTable::parse(file.readAll());
    if (!rows || rows->size() < 2)
        die(rows ? QStringLiteral("empty catalog") : rows.error());
    // One sentence per product: what a store's notes about its shelves read like.
    QStringList sentences;
    for (qsizetype i = 1; i < rows->size(); ++i) {
        const QStringList &r = rows->at(i);
        if (r.size() < 8)
            continue;
        sentences << QStringLiteral("%1 by %2 is in %3, %4 (%5), at Rs %6.")
                         .arg(r.at(1), r.at(4).trimmed(), r.at(2), r.at(3), r.at(7), r.at(5));
    }
    QRandomGenerator random(42);
    const QueryNormalizer normalizer;
    const int queries = parser.value(QStringLiteral("queries")).toInt();
    for (const QString &size : parser.value(QStringLiteral("chunks")).split(QLatin1Char(','))) {
        const qint64 n = size.toLongLong();
        QList<IndexedChunk> chunks;
        chunks.reserve(n);
        for (qint64 i = 0; i < n; ++i) {
            QString text;
            const int count = 3 + int(random.bounded(4)); // 3 to 6 sentences, ~300-600 chars
            for (int s = 0; s < count; ++s)
                text += sentences.at(random.bounded(int(sentences.size()))) + QLatin1Char(' ');
            const QString heading = text.section(QLatin1String(" by "), 0, 0);
            chunks.append({i + 1, 1, i / 20 + 1, QStringLiteral("Shelf notes %1").arg(i / 20),
                           heading, text.trimmed()});
        }
        auto index = KnowledgeIndex::open();
        if (!index)
            die(index.error());
        const double before = residentMb();
        QElapsedTimer clock;
        clock.start();
        if (auto built = index.value()->replaceTenant(1, chunks); !built)
            die(built.error());
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        report(QStringLiteral("index_build_rate"), n, double(n) / seconds,
               QStringLiteral("chunks/s"));
        report(QStringLiteral("index_memory"), n, residentMb() - before, QStringLiteral("MB"));

        std::vector<double> latencies;
        latencies.reserve(size_t(queries));
        for (int q = 0; q < queries; ++q) {
            QString question;
            if (q % 10 == 0) { // a single common word: scored over a capped candidate list
                question = QStringLiteral("oil");
            } else {
                const QStringList words = chunks.at(random.bounded(int(chunks.size())))
                                              .text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                const int start = int(random.bounded(std::max(1, int(words.size()) - 4)));
                question = words.mid(start, 2 + int(random.bounded(3))).join(QLatin1Char(' '));
                if (q % 5 == 1 && question.size() > 4) // a typo: two letters swapped
                    std::swap(question[2], question[3]);
            }
            QElapsedTimer t;
            t.start();
            auto hits = index.value()->search(1, normalizer.normalize(question), 5);
            latencies.push_back(double(t.nsecsElapsed()) / 1e6);
            if (!hits)
                die(hits.error());
        }
        report(QStringLiteral("query_p50"), n, percentile(latencies, 0.50), QStringLiteral("ms"));
        report(QStringLiteral("query_p99"), n, percentile(latencies, 0.99), QStringLiteral("ms"));
    }
    return 0;
}
