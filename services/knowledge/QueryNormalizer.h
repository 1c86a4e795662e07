#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace shopdesk {

// What a customer typed, made findable: Devanagari (and any other script) transliterated to
// plain Latin letters with ICU, and the store's synonyms ("doodh = milk", "kal = tomorrow")
// added to the query. Applied at query time only; passages are indexed as written.
class QueryNormalizer
{
public:
    using Synonyms = QHash<QString, QStringList>; // word -> the other words of its group

    QueryNormalizer() = default;
    explicit QueryNormalizer(Synonyms synonyms);

    // One group per line, words (or phrases) separated by "=" or ",":
    //   doodh = dudh = milk
    //   kal, tomorrow
    static Synonyms parseSynonyms(const QString &text);
    // "दूध कितने का है" -> "dudha kitane ka hai"; text already in ASCII is returned as it is.
    static QString transliterate(const QString &text);
    // As chat is spoken: Hindi words lose the vowel after their last consonant ("कल" -> "kal",
    // "दूध" -> "dudh"), as people type them in Latin letters. For chat messages; the knowledge
    // index keeps transliterate() so its stored passages stay comparable.
    static QString transliterateSpoken(const QString &text);

    QString normalize(const QString &query) const;

private:
    Synonyms m_synonyms;
};

} // namespace shopdesk
