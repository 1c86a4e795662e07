#pragma once

#include "core/Result.h"

#include "knowledge/Vocabulary.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QSqlDatabase;

namespace shopdesk {

// A chunk as the index holds it.
struct IndexedChunk
{
    qint64 chunkId = 0;
    qint64 tenantId = 0;
    qint64 documentId = 0;
    QString title;
    QString heading;
    QString text;
};

// One retrieved chunk, with the evidence for it.
struct SearchHit
{
    IndexedChunk chunk;
    double score = 0;      // fused (reciprocal rank fusion)
    int bm25Rank = 0;      // 1-based rank in the BM25 list, 0 when absent
    int fuzzyRank = 0;     // 1-based rank by the spelling corrections, 0 when absent
    int soundRank = 0;     // 1-based rank among passages whose words sound alike, 0 when absent
    int vectorRank = 0;    // 1-based rank among the nearest vectors, 0 when absent
    double bm25 = 0;       // FTS5's bm25() (lower is better), when matched
    double similarity = 0; // cosine similarity of the vectors, when ranked by them
    QStringList signalNames() const;
};

// The retrieval index: SQLite FTS5 in every storage mode, one per engine node, derived from the
// store's knowledge tables. BM25 over title, heading and text (weighted in that order) with a
// Unicode tokenizer that folds diacritics and stems English. Words no passage has are looked up
// in the store's vocabulary: the known words they were probably meant to be (shared trigrams and
// an edit distance: "delivry", "dilivery") and the known words that sound alike (consonant
// skeletons: Hinglish and transliterated Hindi, "dilivari") each give a BM25 ranking of their
// own. The rankings are fused by reciprocal rank. Costs grow with the vocabulary and with the
// passages that hold the question's rarer words, not with the whole index. Used on one thread.
class KnowledgeIndex
{
public:
    static constexpr int kCandidates = 100; // per signal
    // A word in more passages than this is common: it scores passages but never picks them.
    static constexpr int kCommonDocs = 1000;

    // ":memory:" or a file path (rebuilt from the store when its revision changes).
    static Result<std::unique_ptr<KnowledgeIndex>>
    open(const QString &path = QStringLiteral(":memory:"));
    ~KnowledgeIndex();

    // Replaces everything indexed for this store with `chunks`, in one transaction.
    Status replaceTenant(qint64 tenantId, const QList<IndexedChunk> &chunks);
    // vectorHits: (chunk id, similarity), nearest first, from the store's vector index; fused
    // with the two text signals when given.
    Result<QList<SearchHit>> search(qint64 tenantId, const QString &query, int limit = 10,
                                    const QList<QPair<qint64, double>> &vectorHits = {});
    Result<qint64> count(qint64 tenantId);

    // The meaningful words of a question (lower case, stop words dropped unless that leaves none).
    static QStringList queryWords(const QString &text);
    // How a word sounds, as a consonant skeleton ("dilivari" and "delivery": "dlvr").
    static QString soundKey(const QString &word);
    static QStringList soundKeys(const QString &text); // of every word of 3+ letters
    // The FTS5 expression for a person's words: each word quoted (no operators can be
    // injected). frequency(word): in how many passages (counting stops above kCommonDocs).
    static QString matchExpression(const QStringList &terms,
                                   const std::function<int(const QString &)> &frequency,
                                   bool *onlyCommon = nullptr);

private:
    explicit KnowledgeIndex(const QString &connection);
    static QString table(qint64 tenantId);
    QString m_connection;
    QHash<qint64, Vocabulary> m_vocabularies;
};

} // namespace shopdesk
