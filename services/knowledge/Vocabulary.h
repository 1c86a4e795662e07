#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace shopdesk {

// The words of one store's passages, with how many passages hold each, kept beside the full-text
// index. Retrieval asks it two things, both in time that grows with the vocabulary, never with
// the number of passages: which known words a misspelling was meant to be (shared trigrams, then
// an edit distance), and which sound like it (the same consonant skeleton).
class Vocabulary
{
public:
    void clear();
    void addPassage(const QString &text); // counts each word once per passage
    void finish();                        // builds the lookups; call after the last passage

    int documentFrequency(const QString &word) const { return m_df.value(word); }
    bool contains(const QString &word) const { return m_df.contains(word); }
    int size() const { return int(m_df.size()); }

    // Known words within edit distance 1 (words up to 5 letters) or 2, closest and most
    // common first; at most `limit`.
    QStringList corrections(const QString &word, int limit = 3) const;
    // Known words with the same consonant skeleton, most common first; at most `limit`.
    QStringList soundsLike(const QString &word, int limit = 3) const;

    static QStringList words(const QString &text); // lower-case words of 2+ letters or digits
    static int editDistance(const QString &a, const QString &b, int stopAbove);

private:
    QHash<QString, int> m_df;
    QVector<QString> m_words;
    QHash<QString, QVector<int>> m_byTrigram;
    QHash<QString, QVector<int>> m_bySound;
};

} // namespace shopdesk
