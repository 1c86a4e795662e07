#include "knowledge/KnowledgeIndex.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace shopdesk {

namespace {

constexpr double kRrfK = 60.0;
// The spelling signals (trigrams, sounds-alike) back the words up: where BM25 matched, they
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

QString KnowledgeIndex::bm25Query(const QString &text)
{
    QStringList terms;
    for (const QString &w : words(text))
        terms << quoted(w);
    terms.removeDuplicates();
    return terms.join(QStringLiteral(" OR "));
}

QString KnowledgeIndex::trigramQuery(const QString &text)
{
    QStringList grams;
    for (const QString &w : words(text)) {
        for (qsizetype i = 0; i + 3 <= w.size(); ++i)
            grams << quoted(w.mid(i, 3));
    }
    grams.removeDuplicates();
    return grams.join(QStringLiteral(" OR "));
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
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return R::failure(QStringLiteral("Cannot open the search index %1: %2")
                                  .arg(path, db.lastError().text()));
        QSqlQuery q(db);
        const QStringList schema = {
            QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS chunks_text USING fts5(title, "
                           "heading, text, tenant_id UNINDEXED, chunk_id UNINDEXED, document_id "
                           "UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"),
            QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS chunks_trigram USING fts5(body, "
                           "tenant_id UNINDEXED, chunk_id UNINDEXED, tokenize = 'trigram')"),
            QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS chunks_sound USING fts5(body, "
                           "tenant_id UNINDEXED, chunk_id UNINDEXED, tokenize = 'unicode61')"),
        };
        for (const QString &sql : schema) {
            if (!q.exec(sql))
                return R::failure(QStringLiteral("The search index cannot be set up (is SQLite "
                                                 "built with FTS5?): %1")
                                      .arg(q.lastError().text()));
        }
    }
    return R(std::move(index));
}

Status KnowledgeIndex::replaceTenant(qint64 tenantId, const QList<IndexedChunk> &chunks)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return Status::failure(db.lastError().text());
    QSqlQuery q(db);
    const auto fail = [&](const QSqlQuery &failed) {
        const QString error = failed.lastError().text();
        db.rollback();
        return Status::failure(QStringLiteral("Indexing failed: %1").arg(error));
    };
    for (const char *table : {"chunks_text", "chunks_trigram", "chunks_sound"}) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE tenant_id = ?").arg(QLatin1String(table)));
        q.addBindValue(tenantId);
        if (!q.exec())
            return fail(q);
    }
    QSqlQuery text(db);
    QSqlQuery trigram(db);
    QSqlQuery sound(db);
    sound.prepare(QStringLiteral(
        "INSERT INTO chunks_sound (rowid, body, tenant_id, chunk_id) VALUES (?, ?, ?, ?)"));
    // The rowid is the chunk's id: a passage found only by its vector is one lookup away.
    text.prepare(QStringLiteral("INSERT INTO chunks_text (rowid, title, heading, text, tenant_id, "
                                "chunk_id, document_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    trigram.prepare(QStringLiteral(
        "INSERT INTO chunks_trigram (rowid, body, tenant_id, chunk_id) VALUES (?, ?, ?, ?)"));
    for (const IndexedChunk &c : chunks) {
        text.addBindValue(c.chunkId);
        text.addBindValue(c.title);
        text.addBindValue(c.heading);
        text.addBindValue(c.text);
        text.addBindValue(tenantId);
        text.addBindValue(c.chunkId);
        text.addBindValue(c.documentId);
        if (!text.exec())
            return fail(text);
        trigram.addBindValue(c.chunkId);
        trigram.addBindValue(
            QString(c.title + QLatin1Char('\n') + c.heading + QLatin1Char('\n') + c.text));
        trigram.addBindValue(tenantId);
        trigram.addBindValue(c.chunkId);
        if (!trigram.exec())
            return fail(trigram);
        sound.addBindValue(c.chunkId);
        sound.addBindValue(
            soundKeys(c.title + QLatin1Char(' ') + c.heading + QLatin1Char(' ') + c.text)
                .join(QLatin1Char(' ')));
        sound.addBindValue(tenantId);
        sound.addBindValue(c.chunkId);
        if (!sound.exec())
            return fail(sound);
    }
    if (!db.commit())
        return Status::failure(db.lastError().text());
    return success();
}

Result<qint64> KnowledgeIndex::count(qint64 tenantId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM chunks_text WHERE tenant_id = ?"));
    q.addBindValue(tenantId);
    if (!q.exec() || !q.next())
        return Result<qint64>::failure(q.lastError().text());
    return q.value(0).toLongLong();
}

Result<QList<SearchHit>> KnowledgeIndex::search(qint64 tenantId, const QString &query, int limit,
                                                const QList<QPair<qint64, double>> &vectorHits)
{
    using R = Result<QList<SearchHit>>;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QHash<qint64, SearchHit> hits;

    const QString bm25 = bm25Query(query);
    if (!bm25.isEmpty()) {
        QSqlQuery q(db);
        // Title counts most, then the heading, then the text.
        q.prepare(QStringLiteral("SELECT chunk_id, document_id, title, heading, text, "
                                 "bm25(chunks_text, 3.0, 2.0, 1.0) AS score FROM chunks_text "
                                 "WHERE chunks_text MATCH ? AND tenant_id = ? ORDER BY score "
                                 "LIMIT ?"));
        q.addBindValue(bm25);
        q.addBindValue(tenantId);
        q.addBindValue(kCandidates);
        if (!q.exec())
            return R::failure(QStringLiteral("Search failed: %1").arg(q.lastError().text()));
        int rank = 0;
        while (q.next()) {
            SearchHit &h = hits[q.value(0).toLongLong()];
            h.chunk = chunkFrom(q, tenantId);
            h.bm25Rank = ++rank;
            h.bm25 = q.value(5).toDouble();
        }
    }
    // The two spelling signals: trigrams of the words, and how the words sound.
    const auto rankFrom = [&](const char *table, const QString &match, int SearchHit::*rankOf) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT t.chunk_id, x.document_id, x.title, x.heading, x.text "
                                 "FROM %1 t JOIN chunks_text x ON x.rowid = t.rowid WHERE %1 "
                                 "MATCH ? AND t.tenant_id = ? ORDER BY bm25(%1) LIMIT ?")
                      .arg(QLatin1String(table)));
        q.addBindValue(match);
        q.addBindValue(tenantId);
        q.addBindValue(kCandidates);
        if (!q.exec())
            return false;
        int rank = 0;
        while (q.next()) {
            SearchHit &h = hits[q.value(0).toLongLong()];
            if (h.chunk.chunkId == 0)
                h.chunk = chunkFrom(q, tenantId);
            h.*rankOf = ++rank;
        }
        return true;
    };
    const QString fuzzy = trigramQuery(query);
    if (!fuzzy.isEmpty() && !rankFrom("chunks_trigram", fuzzy, &SearchHit::fuzzyRank))
        return R::failure(QStringLiteral("Search failed: %1").arg(db.lastError().text()));
    QStringList sounds;
    for (const QString &key : soundKeys(words(query).join(QLatin1Char(' ')))) {
        if (key.size() >= 3)
            sounds << quoted(key);
    }
    sounds.removeDuplicates();
    if (!sounds.isEmpty() &&
        !rankFrom("chunks_sound", sounds.join(QStringLiteral(" OR ")), &SearchHit::soundRank))
        return R::failure(QStringLiteral("Search failed: %1").arg(db.lastError().text()));
    if (!vectorHits.isEmpty()) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT chunk_id, document_id, title, heading, text FROM "
                                 "chunks_text WHERE rowid = ? AND tenant_id = ?"));
        int rank = 0;
        for (const auto &[chunkId, similarity] : vectorHits) {
            SearchHit &h = hits[chunkId];
            if (h.chunk.chunkId == 0) {
                q.addBindValue(chunkId);
                q.addBindValue(tenantId);
                if (!q.exec())
                    return R::failure(
                        QStringLiteral("Search failed: %1").arg(q.lastError().text()));
                if (!q.next()) { // a vector for a passage no longer indexed
                    hits.remove(chunkId);
                    continue;
                }
                h.chunk = chunkFrom(q, tenantId);
            }
            h.vectorRank = ++rank;
            h.similarity = similarity;
        }
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
    std::sort(ranked.begin(), ranked.end(), [](const SearchHit &a, const SearchHit &b) {
        return a.score != b.score ? a.score > b.score : a.chunk.chunkId < b.chunk.chunkId;
    });
    if (ranked.size() > limit)
        ranked.resize(limit);
    return ranked;
}

} // namespace shopdesk
