#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace shopdesk {

// The mood of a customer's message from a published lexicon: the English subjectivity lexicon
// of Pattern (De Smedt & Daelemans, CLiPS, University of Antwerp; licence PDDL, public domain),
// read at run time from Debian's python3-pattern package (en-sentiment.xml), never copied here.
// Its 1,528 words (2,918 senses; adjectives mostly) carry a polarity from -1 to +1 per sense; a
// word's polarity is the mean over its senses, as Pattern computes it.
//
// A message is normalised first (MessageNormalizer: Devanagari transliterated, chat spellings
// of English and Hinglish unified), so Hinglish messages are scored by the English words in
// them ("delivery bahut late, very bad service"). Then, as in Pattern, an English negation
// flips the polarity of the next scored word (within three words), a Hindi one ("nahi", which
// follows its word: "accha nahi") the scored word just before it, and an intensifier multiplies
// the next one by 1.3 (capped to [-1, 1]); English and Hindi negations and intensifiers ("nahi",
// "mat", "bahut", "ekdum") are a closed class of grammar words listed in
// resources/analytics/sentiment-modifiers.csv. The score is the mean of the scored words;
// above +0.1 is positive, below -0.1 negative, else neutral (Pattern's threshold).
// Hindi words that carry a mood by themselves ("bekar", "badhiya", "kharab", "shukriya") come
// from our own short list, resources/analytics/hinglish-sentiment.csv (Latin chat spellings and
// the transliterated forms of the Devanagari ones), since no Hindi lexicon is packaged for
// Debian; "accha" is left out on purpose: in a shop's chat it mostly means "okay".
class SentimentLexicon
{
public:
    enum class Polarity { Negative, Neutral, Positive };

    // From `path`, or the first of the standard places (SHOPDESK_SENTIMENT_LEXICON, Debian's).
    static QStringList standardPaths();
    bool load(const QString &path = {});
    bool isLoaded() const { return !m_polarity.isEmpty(); }
    QString source() const { return m_source; }
    QString error() const { return m_error; }
    int size() const { return int(m_polarity.size()); }

    double score(const QString &message) const;
    Polarity classify(const QString &message) const;
    // The same as stored with a message: -1, 0 or 1.
    int mood(const QString &message) const
    {
        const Polarity p = classify(message);
        return p == Polarity::Positive ? 1 : p == Polarity::Negative ? -1 : 0;
    }

private:
    int loadHindiWords(); // merged into m_polarity; how many

    QHash<QString, double> m_polarity;
    QHash<QString, QString> m_modifiers; // word -> negate | intensify
    QString m_source;
    QString m_error;
};

} // namespace shopdesk
