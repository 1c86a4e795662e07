#include "knowledge/GroundedAnswer.h"

#include <QRegularExpression>
#include <QSet>

namespace shopdesk {

namespace {

// A question word is found in a text when the text has it, or a word sharing its first five
// letters (delivery / delivered, charges / charge).
bool found(const QString &word, const QString &lowerText)
{
    if (lowerText.contains(word))
        return true;
    return word.size() > 5 && lowerText.contains(word.left(5));
}

double coverage(const QStringList &words, const QString &text,
                const QHash<QString, QStringList> &synonyms)
{
    if (words.isEmpty())
        return 0;
    const QString lower = text.toLower();
    QSet<QString> sounds;
    for (const QString &key : KnowledgeIndex::soundKeys(lower))
        sounds.insert(key);
    int hit = 0;
    for (const QString &w : words) {
        const QString key = KnowledgeIndex::soundKey(w);
        bool covered = found(w, lower) || (key.size() >= 3 && sounds.contains(key));
        for (const QString &other : synonyms.value(w)) {
            if (covered)
                break;
            covered = found(other.toLower(), lower);
        }
        hit += covered ? 1 : 0;
    }
    return double(hit) / double(words.size());
}

} // namespace

GroundedAnswer GroundedAnswer::from(const QString &question, const QList<SearchHit> &hits,
                                    double threshold, const QHash<QString, QStringList> &synonyms)
{
    GroundedAnswer a;
    if (hits.isEmpty()) {
        a.reason = QStringLiteral("Nothing in the store's knowledge matches the question.");
        return a;
    }
    const QStringList words = KnowledgeIndex::queryWords(question);
    const SearchHit &top = hits.first();
    const QString passage = top.chunk.heading + QLatin1Char(' ') + top.chunk.text;
    // Evidence: how much of the question the best passage covers, and whether the words
    // themselves matched (not only similar spellings).
    const double covered = coverage(words, passage, synonyms);
    const double exact = top.bm25Rank > 0 ? 1.0 : (top.soundRank > 0 ? 0.8 : 0.5);
    a.confidence = std::clamp(exact * covered, 0.0, 1.0);
    // A passage whose meaning is close to the question's (embeddings) is evidence too, even in
    // other words: cosine 0.9 and above counts fully, 0.5 and below not at all.
    if (top.vectorRank == 1)
        a.confidence = std::max(a.confidence, std::clamp((top.similarity - 0.5) / 0.4, 0.0, 1.0));
    a.chunkId = top.chunk.chunkId;
    a.source = top.chunk.heading;

    // The passage's sentences that carry the question's words, in their own order.
    static const QRegularExpression sentenceEnd(QStringLiteral("(?<=[.!?।])\\s+|\\n+"));
    const QStringList sentences = top.chunk.text.split(sentenceEnd, Qt::SkipEmptyParts);
    QStringList chosen;
    double best = 0;
    for (const QString &s : sentences)
        best = std::max(best, coverage(words, s, synonyms));
    for (const QString &s : sentences) {
        if (best > 0 && coverage(words, s, synonyms) >= best * 0.5)
            chosen << s.trimmed();
    }
    if (chosen.isEmpty())
        chosen = sentences.mid(0, 2);
    a.text = chosen.join(QLatin1Char(' '));

    a.escalate = a.confidence < threshold;
    a.reason = a.escalate
                   ? QStringLiteral("The knowledge does not cover this clearly (confidence %1, "
                                    "below %2): a person should answer.")
                         .arg(a.confidence, 0, 'f', 2)
                         .arg(threshold, 0, 'f', 2)
                   : QStringLiteral("Answered from \"%1\" (confidence %2).")
                         .arg(a.source)
                         .arg(a.confidence, 0, 'f', 2);
    if (a.escalate)
        a.text.clear();
    return a;
}

} // namespace shopdesk
