#include "knowledge/KnowledgeIndex.h"

#include "knowledge/Vocabulary.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace shopdesk {

namespace {

constexpr double kRrfK = 60.0;
// The spelling signals (corrections, sounds-alike) back the words up: where BM25 matched, they
// count half, so one loosely shared spelling does not outrank the words themselves.
constexpr double kSpellingWeight = 0.5;

// Words that carry no meaning in a question (English and Hinglish). Dropped from queries only:
// passages keep them, and a query of nothing but these keeps them all.
const QSet<QString> &stopWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w :
             {"a", "an", "the", "is", "are", "was", "were", "be", "am", "do", "does", "did", "you",
              "your", "i", "me", "my", "we", "our", "us", "it", "its", "to", "of", "in", "on", "at",
              "for", "with", "and", "or", "can", "could", "will", "would", "what", "which", "who",
              "how", "when", "where", "there", "this", "that", "these", "those", "have", "has",
              "please", "pls", "any", "some", "about", "from", "by", "if", "so", "hi", "hello",
              "hai", "hain", "kya", "ka", "ki", "ke", "ko", "se", "me", "mein", "aap", "aapke",
              "aapka", "tum", "hum", "bhi", "to", "na", "ho", "h", "kitna", "kitne", "kitni", "kab",
              "kahan", "kaha", "kaise", "kyun", "lete", "dete", "milta", "milti", "milega",
              "milegi", "hota", "hoti", "chahiye", "karte", "karo", "sakte", "sakta",
              // the store itself: every passage is about it
              "shop", "store", "dukan", "take"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

QStringList words(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    const QStringList all = text.toLower().split(separators, Qt::SkipEmptyParts);
    QStringList meaningful;
    for (const QString &w : all) {
        if (!stopWords().contains(w))
            meaningful << w;
    }
    return meaningful.isEmpty() ? all : meaningful;
}

// chunk_id, document_id, title, heading, text: the columns both signals select first.
IndexedChunk chunkFrom(const QSqlQuery &q, qint64 tenantId)
{
    return {q.value(0).toLongLong(), tenantId,
            q.value(1).toLongLong(), q.value(2).toString(),
            q.value(3).toString(),   q.value(4).toString()};
}

QString quoted(const QString &term)
{
    QString t = term;
    t.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

} // namespace

QStringList SearchHit::signalNames() const
{
    QStringList s;
    if (bm25Rank > 0)
        s << QStringLiteral("bm25");
    if (fuzzyRank > 0)
        s << QStringLiteral("fuzzy");
    if (soundRank > 0)
        s << QStringLiteral("sound");
    if (vectorRank > 0)
        s << QStringLiteral("vector");
    return s;
}

QString KnowledgeIndex::soundKey(const QString &word)
{
    // Hinglish spellings and transliterated Hindi vary in their vowels and in a few letter
    // pairs: "delivery", "dilivery", "dilivari" (from डिलीवरी) all become "dlvr".
    QString w = word.toLower();
    if (w.size() > 3 && w.endsWith(QLatin1Char('s')) && !w.endsWith(QLatin1String("ss")))
        w.chop(1);
    static const QList<QPair<QString, QString>> pairs = {
        {QStringLiteral("ph"), QStringLiteral("f")},  {QStringLiteral("sh"), QStringLiteral("s")},
        {QStringLiteral("ch"), QStringLiteral("c")},  {QStringLiteral("kh"), QStringLiteral("k")},
        {QStringLiteral("gh"), QStringLiteral("g")},  {QStringLiteral("th"), QStringLiteral("t")},
        {QStringLiteral("dh"), QStringLiteral("d")},  {QStringLiteral("bh"), QStringLiteral("b")},
        {QStringLiteral("ck"), QStringLiteral("k")},  {QStringLiteral("ge"), QStringLiteral("je")},
        {QStringLiteral("gi"), QStringLiteral("ji")}, {QStringLiteral("q"), QStringLiteral("k")},
        {QStringLiteral("z"), QStringLiteral("j")},   {QStringLiteral("w"), QStringLiteral("v")},
        {QStringLiteral("x"), QStringLiteral("ks")}};
    for (const auto &[from, to] : pairs)
        w.replace(from, to);
    QString key;
    for (qsizetype i = 0; i < w.size(); ++i) {
        const QChar c = w.at(i);
        if (!c.isLetterOrNumber())
            continue;
        const bool vowel = QStringLiteral("aeiouy").contains(c);
        if (vowel && !key.isEmpty())
            continue;
        if (!key.isEmpty() && key.back() == c)
            continue;
        key += c;
    }
    return key;
}

QStringList KnowledgeIndex::soundKeys(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList keys;
    for (const QString &w : text.split(separators, Qt::SkipEmptyParts)) {
        if (w.size() >= 3)
            keys << soundKey(w);
    }
    return keys;
}

QStringList KnowledgeIndex::queryWords(const QString &text)
{
    return words(text);
}

QString KnowledgeIndex::matchExpression(const QStringList &terms,
                                        const std::function<int(const QString &)> &frequency,
                                        bool *onlyCommon)
{
    // Common words (in more than kCommonDocs passages) never decide which passages are scored:
    // the rare words pick the candidates and every word scores them. A question of nothing but
    // common words is scored over a capped number of their passages (onlyCommon).
    QStringList rare;
    QStringList all;
    for (const QString &t : terms) {
        const QString q = quoted(t);
        all << q;
        if (frequency(t) <= kCommonDocs)
            rare << q;
    }
    if (onlyCommon)
        *onlyCommon = !all.isEmpty() && rare.isEmpty();
    if (all.isEmpty())
        return {};
    if (rare.isEmpty() || rare.size() == all.size())
        return all.join(QStringLiteral(" OR "));
    return QStringLiteral("(%1) AND (%2)")
        .arg(rare.join(QStringLiteral(" OR ")), all.join(QStringLiteral(" OR ")));
}

KnowledgeIndex::KnowledgeIndex(const QString &connection)
    : m_connection(connection)
{}

KnowledgeIndex::~KnowledgeIndex()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<KnowledgeIndex>> KnowledgeIndex::open(const QString &path)
{
    using R = Result<std::unique_ptr<KnowledgeIndex>>;
    const QString name =
        QStringLiteral("knowledge-index-") + QUuid::createUuid().toString(QUuid::Id128);
    std::unique_ptr<KnowledgeIndex> index(new KnowledgeIndex(name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (!db.open())
        return R::failure(
            QStringLiteral("Cannot open the search index %1: %2").arg(path, db.lastError().text()));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")))
        return R::failure(QStringLiteral("The search index cannot be set up (is SQLite built "
                                         "with FTS5?): %1")
                              .arg(q.lastError().text()));
    q.exec(QStringLiteral("DROP TABLE temp.probe"));
    return R(std::move(index));
}

QString KnowledgeIndex::table(qint64 tenantId)
{
    // One table per store: a store's search never reads another's rows, and ranking reads
    // nothing but the full-text index itself.
    return QStringLiteral("chunks_%1").arg(tenantId);
}

Status KnowledgeIndex::replaceTenant(qint64 tenantId, const QList<IndexedChunk> &chunks)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return Status::failure(db.lastError().text());
    const auto fail = [&](const QSqlQuery &failed) {
        const QString error = failed.lastError().text();
        db.rollback();
        return Status::failure(QStringLiteral("Indexing failed: %1").arg(error));
    };
    const QString t = table(tenantId);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(t)))
        return fail(q);
    if (!q.exec(QStringLiteral("CREATE VIRTUAL TABLE %1 USING fts5(title, heading, text, "
                               "document_id UNINDEXED, tokenize = 'porter unicode61 "
                               "remove_diacritics 2')")
                    .arg(t)))
        return fail(q);
    Vocabulary vocabulary;
    QSqlQuery text(db);
    // The rowid is the chunk's id: a passage found only by its vector is one lookup away.
    text.prepare(QStringLiteral("INSERT INTO %1 (rowid, title, heading, text, document_id) VALUES "
                                "(?, ?, ?, ?, ?)")
                     .arg(t));
    for (const IndexedChunk &c : chunks) {
        text.addBindValue(c.chunkId);
        text.addBindValue(c.title);
        text.addBindValue(c.heading);
        text.addBindValue(c.text);
        text.addBindValue(c.documentId);
        if (!text.exec())
            return fail(text);
        vocabulary.addPassage(c.title + QLatin1Char(' ') + c.heading + QLatin1Char(' ') + c.text);
    }
    if (!db.commit())
        return Status::failure(db.lastError().text());
    vocabulary.finish();
    m_vocabularies.insert(tenantId, std::move(vocabulary));
    return success();
}

Result<qint64> KnowledgeIndex::count(qint64 tenantId)
{
    if (!m_vocabularies.contains(tenantId))
        return qint64(0);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table(tenantId))) || !q.next())
        return Result<qint64>::failure(q.lastError().text());
    return q.value(0).toLongLong();
}

Result<QList<SearchHit>> KnowledgeIndex::search(qint64 tenantId, const QString &query, int limit,
                                                const QList<QPair<qint64, double>> &vectorHits)
{
    using R = Result<QList<SearchHit>>;
    if (!m_vocabularies.contains(tenantId))
        return QList<SearchHit>{}; // nothing indexed for this store
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QString t = table(tenantId);
    const Vocabulary &vocabulary = m_vocabularies[tenantId];
    QHash<qint64, SearchHit> hits;

    // How many passages hold a word as FTS5 matches it (stemmed), counted only up to the point
    // where it is common.
    QHash<QString, int> documents;
    QSqlQuery counter(db);
    counter.prepare(
        QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1 WHERE %1 MATCH ? LIMIT ?)").arg(t));
    const auto frequency = [&](const QString &term) {
        const auto known = documents.constFind(term);
        if (known != documents.cend())
            return *known;
        counter.addBindValue(quoted(term));
        counter.addBindValue(kCommonDocs + 1);
        const int n = counter.exec() && counter.next() ? counter.value(0).toInt() : 0;
        documents.insert(term, n);
        return n;
    };
    // Each signal is one BM25 ranking over a set of words: the question's own words; the known
    // words its unknown words were probably meant to be (spelling); and the known words that
    // sound like them (Hinglish and transliterated Hindi spellings). Ranking reads only the
    // index; the passages themselves are read for the few that are returned.
    QSqlQuery ranker(db);
    // Title counts most, then the heading, then the text.
    ranker.prepare(QStringLiteral("SELECT rowid, bm25(%1, 3.0, 2.0, 1.0) AS score FROM %1 WHERE "
                                  "%1 MATCH ? ORDER BY score LIMIT ?")
                       .arg(t));
    QSqlQuery capped(db);
    capped.prepare(QStringLiteral("SELECT rowid, bm25(%1, 3.0, 2.0, 1.0) AS score FROM %1 WHERE "
                                  "%1 MATCH ? AND rowid <= ? ORDER BY score LIMIT ?")
                       .arg(t));
    const auto rank = [&](const QStringList &terms, int SearchHit::*rankOf) -> Status {
        bool common = false;
        const QString match = matchExpression(terms, frequency, &common);
        if (match.isEmpty())
            return success();
        // Only common words: score the first kCommonDocs passages that hold them, not all.
        QSqlQuery &q = common ? capped : ranker;
        q.addBindValue(match);
        if (common) { // the rowid of the kCommonDocs-th passage that holds them
            QSqlQuery last(db);
            last.prepare(
                QStringLiteral("SELECT rowid FROM %1 WHERE %1 MATCH ? LIMIT 1 OFFSET ?").arg(t));
            last.addBindValue(match);
            last.addBindValue(kCommonDocs - 1);
            q.addBindValue(last.exec() && last.next() ? last.value(0).toLongLong()
                                                      : std::numeric_limits<qint64>::max());
        }
        q.addBindValue(kCandidates);
        if (!q.exec())
            return Status::failure(QStringLiteral("Search failed: %1").arg(q.lastError().text()));
        int n = 0;
        while (q.next()) {
            SearchHit &h = hits[q.value(0).toLongLong()];
            h.chunk.chunkId = q.value(0).toLongLong();
            h.*rankOf = ++n;
            if (rankOf == &SearchHit::bm25Rank)
                h.bm25 = q.value(1).toDouble();
        }
        return success();
    };
    QStringList terms = words(query);
    terms.removeDuplicates();
    QStringList corrected;
    QStringList alike;
    for (const QString &w : std::as_const(terms)) {
        if (frequency(w) > 0)
            continue;
        corrected += vocabulary.corrections(w);
        alike += vocabulary.soundsLike(w);
    }
    corrected.removeDuplicates();
    alike.removeDuplicates();
    for (const auto &[list, rankOf] :
         {std::pair{terms, &SearchHit::bm25Rank}, std::pair{corrected, &SearchHit::fuzzyRank},
          std::pair{alike, &SearchHit::soundRank}}) {
        if (auto ranked = rank(list, rankOf); !ranked)
            return R::failure(ranked.error());
    }
    int vectorRank = 0;
    for (const auto &[chunkId, similarity] : vectorHits) {
        SearchHit &h = hits[chunkId];
        h.chunk.chunkId = chunkId;
        h.vectorRank = ++vectorRank;
        h.similarity = similarity;
    }

    QList<SearchHit> ranked;
    ranked.reserve(hits.size());
    for (SearchHit &h : hits) {
        h.score = (h.bm25Rank ? 1.0 / (kRrfK + h.bm25Rank) : 0.0) +
                  (h.fuzzyRank ? kSpellingWeight / (kRrfK + h.fuzzyRank) : 0.0) +
                  (h.soundRank ? kSpellingWeight / (kRrfK + h.soundRank) : 0.0) +
                  (h.vectorRank ? 1.0 / (kRrfK + h.vectorRank) : 0.0);
        ranked.append(h);
    }
    const qsizetype keep = std::min<qsizetype>(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(),
                      [](const SearchHit &a, const SearchHit &b) {
                          return a.score != b.score ? a.score > b.score
                                                    : a.chunk.chunkId < b.chunk.chunkId;
                      });
    ranked.resize(keep);
    // The passages of the hits that are returned.
    QSqlQuery passage(db);
    passage.prepare(
        QStringLiteral("SELECT rowid, document_id, title, heading, text FROM %1 WHERE rowid = ?")
            .arg(t));
    QList<SearchHit> out;
    out.reserve(ranked.size());
    for (SearchHit &h : ranked) {
        passage.addBindValue(h.chunk.chunkId);
        if (!passage.exec())
            return R::failure(QStringLiteral("Search failed: %1").arg(passage.lastError().text()));
        if (!passage.next())
            continue; // a vector for a passage no longer indexed
        h.chunk = chunkFrom(passage, tenantId);
        out.append(h);
    }
    return out;
}

} // namespace shopdesk
