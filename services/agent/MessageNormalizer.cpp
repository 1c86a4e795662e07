#include "agent/MessageNormalizer.h"

#include "knowledge/QueryNormalizer.h"

#include <QHash>
#include <QSet>

namespace shopdesk {

namespace {

// Chat spellings -> one form. Only words that are never something else in a shop's chat.
const QHash<QString, QString> &spellings()
{
    static const QHash<QString, QString> map = [] {
        QHash<QString, QString> m;
        const auto add = [&](const char *canonical, std::initializer_list<const char *> variants) {
            for (const char *v : variants)
                m.insert(QString::fromLatin1(v), QString::fromLatin1(canonical));
        };
        add("please", {"plz", "pls", "plzz", "plss", "pleas", "plese"});
        add("thanks", {"thx", "thnx", "thanx", "thnks", "thankyou", "tnx", "ty"});
        add("you", {"u", "yu"});
        add("are", {"r"});
        add("your", {"ur"});
        add("what", {"wat", "wht"});
        add("when", {"wen"});
        add("okay", {"ok", "okk", "okey", "k", "kk"});
        add("hello", {"helo", "hllo", "hlo"});
        add("hai", {"h", "hy", "hain", "hein", "hei"});
        add("nahi", {"nhi", "nai", "nahin", "nahee", "nhin", "ni"});
        add("kya", {"kia", "kyaa", "kiya"});
        add("kab", {"kb"});
        add("kitna", {"ktna", "kitnaa"});
        add("kitne", {"ktne"});
        add("hoga", {"hogaa"});
        add("bhai", {"bhaiya", "bhaiyya", "bhaia", "bhayya"});
        add("aap", {"ap", "aapka"});
        add("mera", {"mra", "mere", "meri"});
        add("order", {"ordr", "oder", "odr"});
        add("delivery", {"delivary", "dilivery", "delievery", "delivry"});
        add("payment", {"paymnt", "pymt", "pymnt"});
        add("address", {"adress", "addres", "addrss"});
        add("available", {"availabe", "avail", "availble", "avlbl"});
        add("price", {"prize", "prise", "rate"});
        add("chahiye", {"chaiye", "chahie", "chaahiye", "chiye", "chaiya"});
        add("haan", {"ha", "haa", "han", "hanji", "haanji"});
        add("theek", {"thik", "thick", "theekh"});
        add("accha", {"acha", "achha", "achchha"});
        add("dukan", {"dukaan"});
        add("bhejo", {"bhjo", "bhej do", "bhejdo"});
        return m;
    }();
    return map;
}

// Words that mark a message as Hindi written in Latin letters.
const QSet<QString> &hindiWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w :
             {"hai",   "kya",    "nahi",   "kab",     "kitna", "kitne", "kitni", "aur",   "bhi",
              "hoga",  "mera",   "mujhe",  "chahiye", "bhejo", "bhej",  "kal",   "aaj",   "haan",
              "theek", "accha",  "dukan",  "kaha",    "kahan", "kaise", "kyun",  "abhi",  "wala",
              "wali",  "karo",   "kar",    "dena",    "dedo",  "ka",    "ki",    "ke",    "ko",
              "se",    "mein",   "tha",    "thi",     "raha",  "rahi",  "gaya",  "gayi",  "aap",
              "aapke", "hamara", "hum",    "tum",     "ji",    "bhai",  "ek",    "teen",  "aadha",
              "paisa", "paise",  "khulti", "jaldi",   "wapas", "kuch",  "sab",   "bahut", "bolo",
              "batao", "dijiye", "chaiye", "samaan",  "saman"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

bool isKept(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('.') || c == QChar(0x00BD) || c.isMark();
}

} // namespace

QString MessageNormalizer::normalize(const QString &message)
{
    QString text = message.normalized(QString::NormalizationForm_KC).toCaseFolded();
    text = QueryNormalizer::transliterateSpoken(text).toLower();

    QString cleaned;
    cleaned.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('.')) {
            // A dot stays only inside a number ("2.5"); elsewhere it ends a sentence.
            const bool inNumber = i > 0 && i + 1 < text.size() && text.at(i - 1).isDigit() &&
                                  text.at(i + 1).isDigit();
            cleaned += inNumber ? c : QLatin1Char(' ');
        } else if (c == QLatin1Char('-') && i > 0 && i + 1 < text.size() &&
                   text.at(i - 1).isLetterOrNumber() && text.at(i + 1).isLetterOrNumber()) {
            cleaned += c; // "parle-g", "7-up"
        } else {
            cleaned += isKept(c) ? c : QLatin1Char(' ');
        }
    }

    const QStringList parts = cleaned.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList out;
    out.reserve(parts.size());
    const auto &map = spellings();
    for (const QString &word : parts) {
        const auto it = map.constFind(word);
        out << (it == map.cend() ? word : it.value());
    }
    return out.join(QLatin1Char(' '));
}

QStringList MessageNormalizer::words(const QString &message)
{
    return normalize(message).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool MessageNormalizer::looksHinglish(const QString &message)
{
    for (const QChar c : message) {
        if (c.unicode() >= 0x0900 && c.unicode() <= 0x097F)
            return true;
    }
    const QStringList list = words(message);
    int hindi = 0;
    for (const QString &w : list)
        hindi += hindiWords().contains(w) ? 1 : 0;
    // One Hindi word in a short message ("milk hai?"), or a fifth of a longer one.
    return hindi >= 1 && (list.size() <= 4 || hindi * 5 >= list.size());
}

} // namespace shopdesk
