#include "knowledge/Vocabulary.h"

#include "knowledge/KnowledgeIndex.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace shopdesk {

namespace {

QStringList trigrams(const QString &word)
{
    const QString padded = QLatin1Char('^') + word + QLatin1Char('$');
    QStringList grams;
    for (qsizetype i = 0; i + 3 <= padded.size(); ++i)
        grams << padded.mid(i, 3);
    grams.removeDuplicates();
    return grams;
}

} // namespace

QStringList Vocabulary::words(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList out;
    for (const QString &w : text.toLower().split(separators, Qt::SkipEmptyParts)) {
        if (w.size() >= 2)
            out << w;
    }
    return out;
}

void Vocabulary::clear()
{
    m_df.clear();
    m_words.clear();
    m_byTrigram.clear();
    m_bySound.clear();
}

void Vocabulary::addPassage(const QString &text)
{
    QStringList seen = words(text);
    seen.removeDuplicates();
    for (const QString &w : std::as_const(seen))
        ++m_df[w];
}

void Vocabulary::finish()
{
    m_words.clear();
    m_byTrigram.clear();
    m_bySound.clear();
    m_words.reserve(m_df.size());
    for (auto it = m_df.cbegin(); it != m_df.cend(); ++it) {
        const int index = int(m_words.size());
        m_words.append(it.key());
        if (it.key().size() < 3)
            continue;
        for (const QString &g : trigrams(it.key()))
            m_byTrigram[g].append(index);
        const QString key = KnowledgeIndex::soundKey(it.key());
        if (key.size() >= 3)
            m_bySound[key].append(index);
    }
}

int Vocabulary::editDistance(const QString &a, const QString &b, int stopAbove)
{
    // Optimal string alignment (Damerau-Levenshtein with adjacent swaps), given up early once
    // every path is above stopAbove.
    const int n = int(a.size());
    const int m = int(b.size());
    if (std::abs(n - m) > stopAbove)
        return stopAbove + 1;
    QVector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (int j = 0; j <= m; ++j)
        prev[j] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int best = cur[0];
        for (int j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            best = std::min(best, cur[j]);
        }
        if (best > stopAbove)
            return stopAbove + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

QStringList Vocabulary::corrections(const QString &word, int limit) const
{
    const QString w = word.toLower();
    if (w.size() < 4)
        return {};
    const int allowed = w.size() <= 5 ? 1 : 2;
    const QStringList grams = trigrams(w);
    QHash<int, int> shared;
    for (const QString &g : grams) {
        const auto it = m_byTrigram.constFind(g);
        if (it == m_byTrigram.cend())
            continue;
        for (int index : *it)
            ++shared[index];
    }
    // Words of the same length share at least (trigrams - 3 * allowed) trigrams when within
    // the distance; a looser bound keeps insertions and swaps in.
    const int needed = std::max(1, int(grams.size()) - 3 * allowed - 1);
    struct Candidate
    {
        int distance;
        int df;
        QString word;
    };
    QVector<Candidate> found;
    for (auto it = shared.cbegin(); it != shared.cend(); ++it) {
        if (it.value() < needed)
            continue;
        const QString &candidate = m_words.at(it.key());
        if (candidate == w)
            continue;
        const int d = editDistance(w, candidate, allowed);
        if (d <= allowed)
            found.append({d, m_df.value(candidate), candidate});
    }
    std::sort(found.begin(), found.end(), [](const Candidate &a, const Candidate &b) {
        return a.distance != b.distance ? a.distance < b.distance
                                        : (a.df != b.df ? a.df > b.df : a.word < b.word);
    });
    QStringList out;
    for (const Candidate &c : std::as_const(found)) {
        if (out.size() >= limit)
            break;
        out << c.word;
    }
    return out;
}

QStringList Vocabulary::soundsLike(const QString &word, int limit) const
{
    const QString w = word.toLower();
    const QString key = KnowledgeIndex::soundKey(w);
    if (key.size() < 3)
        return {};
    QVector<int> indexes = m_bySound.value(key);
    std::sort(indexes.begin(), indexes.end(), [this](int a, int b) {
        const int da = m_df.value(m_words.at(a));
        const int db = m_df.value(m_words.at(b));
        return da != db ? da > db : m_words.at(a) < m_words.at(b);
    });
    QStringList out;
    for (int index : std::as_const(indexes)) {
        if (out.size() >= limit)
            break;
        if (m_words.at(index) != w)
            out << m_words.at(index);
    }
    return out;
}

} // namespace shopdesk
