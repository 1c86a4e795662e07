#include "knowledge/QueryNormalizer.h"

#include <QRegularExpression>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace shopdesk {

namespace {

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}

icu::Transliterator *toLatin()
{
    // Creating a transliterator parses its rules: once per thread.
    thread_local std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8("Any-Latin; Latin-ASCII; Lower"), UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    return instance.get();
}

// The same, but Hindi drops the inherent vowel of a word's last consonant ("कल" is "kal", not
// "kala"): a virama is added there first, so Any-Latin writes no "a".
icu::Transliterator *toSpokenLatin()
{
    thread_local std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parseError{};
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
            icu::UnicodeString::fromUTF8("shopdesk-spoken-latin"),
            icu::UnicodeString::fromUTF8("$consonant = [\\u0915-\\u0939\\u0958-\\u095F];"
                                         "($consonant) } [^[:L:][:M:]] > $1 \\u094D;"
                                         "($consonant) } $ > $1 \\u094D;"
                                         "::Any-Latin; ::Latin-ASCII; ::Lower;"),
            UTRANS_FORWARD, parseError, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    return instance.get();
}

QString run(icu::Transliterator *t, const QString &text)
{
    if (!t)
        return text;
    icu::UnicodeString s(reinterpret_cast<const UChar *>(text.utf16()), int32_t(text.size()));
    t->transliterate(s);
    return QString(reinterpret_cast<const QChar *>(s.getBuffer()), s.length());
}

} // namespace

QueryNormalizer::QueryNormalizer(Synonyms synonyms)
    : m_synonyms(std::move(synonyms))
{}

QueryNormalizer::Synonyms QueryNormalizer::parseSynonyms(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[=,]"));
    Synonyms out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QStringList group;
        for (const QString &w : line.split(separators, Qt::SkipEmptyParts)) {
            const QString word = transliterate(w.trimmed()).toLower();
            if (!word.isEmpty() && !group.contains(word))
                group << word;
        }
        if (group.size() < 2)
            continue;
        for (const QString &word : std::as_const(group)) {
            QStringList &others = out[word];
            for (const QString &other : std::as_const(group)) {
                if (other != word && !others.contains(other))
                    others << other;
            }
        }
    }
    return out;
}

QString QueryNormalizer::transliterate(const QString &text)
{
    return isAscii(text) ? text : run(toLatin(), text);
}

QString QueryNormalizer::transliterateSpoken(const QString &text)
{
    return isAscii(text) ? text : run(toSpokenLatin(), text);
}

QString QueryNormalizer::normalize(const QString &query) const
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    const QString latin = transliterate(query).toLower();
    QStringList words = latin.split(separators, Qt::SkipEmptyParts);
    QStringList expanded = words;
    // Single words and two-word phrases ("home delivery") of the query.
    for (qsizetype i = 0; i < words.size(); ++i) {
        expanded += m_synonyms.value(words.at(i));
        if (i + 1 < words.size())
            expanded += m_synonyms.value(words.at(i) + QLatin1Char(' ') + words.at(i + 1));
    }
    expanded.removeDuplicates();
    return expanded.join(QLatin1Char(' '));
}

} // namespace shopdesk
