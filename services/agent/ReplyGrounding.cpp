#include "agent/ReplyGrounding.h"

#include "catalog/ProductMatcher.h"
#include "knowledge/Vocabulary.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace shopdesk {

namespace {

// Words of any reply, which product names also use ("Salt and Pepper", "Pack of 6").
const QSet<QString> &chatWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w :
             {"and",   "the",      "with",  "for",   "from",      "you",     "your",  "our",
              "are",   "has",      "have",  "not",   "can",       "will",    "also",  "only",
              "all",   "some",     "any",   "more",  "per",       "each",    "pack",  "packs",
              "piece", "pieces",   "this",  "that",  "these",     "those",   "yes",   "but",
              "its",   "just",     "one",   "two",   "available", "stock",   "price", "today",
              "now",   "new",      "fresh", "best",  "good",      "great",   "free",  "offer",
              "size",  "big",      "small", "large", "extra",     "special", "order", "cart",
              "total", "delivery", "home",  "store", "shop",      "please",  "thank", "thanks",
              "sorry", "hai",      "hain",  "aur",   "nahi",      "haan",    "ji",    "aap",
              "kya",   "mein",     "ka",    "ki",    "ke",        "bhi",     "abhi",  "wala",
              "wali",  "sabse",    "accha"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

} // namespace

QStringList ReplyGrounding::numbers(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("\\d[\\d,]*(?:\\.\\d+)?"));
    static const QRegularExpression zeroMinutes(QStringLiteral(":00\\b"));
    QString t = text;
    t.replace(zeroMinutes, QString());
    QStringList out;
    for (auto it = number.globalMatch(t); it.hasNext();) {
        QString n = it.next().captured();
        n.remove(QLatin1Char(','));
        bool ok = false;
        const double x = n.toDouble(&ok);
        if (ok)
            out << QString::number(x, 'g', 15);
    }
    return out;
}

ReplyGrounding::Verdict ReplyGrounding::check(const QString &reply, const QStringList &evidence,
                                              const QString &customerMessage,
                                              const ProductMatcher &products, bool smallTalk)
{
    Verdict v;
    if (reply.trimmed().isEmpty()) {
        v.problem = QStringLiteral("the model wrote no reply");
        return v;
    }
    const QString known = evidence.join(QLatin1Char('\n'));
    if (known.trimmed().isEmpty() && !smallTalk) {
        v.problem = QStringLiteral("the model answered without looking anything up");
        return v;
    }
    const QStringList knownNumbers = numbers(known) + numbers(customerMessage);
    const QSet<QString> allowedNumbers(knownNumbers.cbegin(), knownNumbers.cend());
    for (const QString &n : numbers(reply)) {
        if (!allowedNumbers.contains(n)) {
            v.problem = QStringLiteral("the reply says %1, which no tool or document said").arg(n);
            return v;
        }
    }
    // Words that pick out a few of the store's products must come from the evidence.
    const int distinctive = std::max(2, int(products.products().size() / 20));
    const QStringList knownWords = Vocabulary::words(known) + Vocabulary::words(customerMessage);
    const QSet<QString> said(knownWords.cbegin(), knownWords.cend());
    for (const QString &w : Vocabulary::words(reply)) {
        if (w.size() < 3 || said.contains(w) || chatWords().contains(w))
            continue;
        const int naming = products.productsNaming(w);
        if (naming > 0 && naming <= distinctive) {
            v.problem =
                QStringLiteral("the reply names \"%1\", which no tool result mentions").arg(w);
            return v;
        }
    }
    v.grounded = true;
    return v;
}

} // namespace shopdesk
