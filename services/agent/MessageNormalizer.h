#pragma once

#include <QString>
#include <QStringList>

namespace shopdesk {

// A customer's message in one comparable form, before intents and entities are read from it:
// Unicode folded (NFKC, case), Devanagari and other scripts transliterated to Latin, punctuation
// turned into spaces (digits, "." inside numbers and "½" kept), and the common chat spellings of
// English and Hinglish words replaced by one form ("plz" -> "please", "nhi" -> "nahi",
// "kb" -> "kab"). Also tells whether the customer writes Hinglish, so replies follow them.
class MessageNormalizer
{
public:
    static QString normalize(const QString &message);
    static QStringList words(const QString &message); // normalize(), split on spaces

    // True when the message reads as Hindi in Latin or Devanagari letters ("kitne ka hai",
    // "दूध है?") rather than English.
    static bool looksHinglish(const QString &message);
};

} // namespace shopdesk
