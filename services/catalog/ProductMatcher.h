#pragma once

#include "agent/OrderTextParser.h"
#include "domain/Product.h"
#include "knowledge/Vocabulary.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QVector>

namespace shopdesk {

// Finds the products a customer means in a store's inventory, fuzzily: by name, brand, the
// product's aliases (Hindi names included, in any script) and the shipped grocery words
// ("doodh" -> milk). Each candidate gets a score from how much of what the customer wrote it
// explains and how much of its own name was said; a size given in the message ("1 litre milk")
// prefers the product of that size. The best candidate's confidence is lowered when another
// product is as likely, so "milk" in a store with five milks is a question, not a guess.
// Candidates come from an inverted index and the catalog's vocabulary (misspellings, words
// that sound alike), so a 30,000-product catalog is searched in about a millisecond.
class ProductMatcher
{
public:
    static constexpr double kAccept = 0.8; // at or above: into the cart without asking

    struct Candidate
    {
        int index = -1; // into products()
        double score = 0;
    };
    struct Match
    {
        OrderTextParser::Item item;
        QList<Candidate> candidates; // best first, at most five
        double confidence = 0;       // of the best candidate
        bool accepted() const { return !candidates.isEmpty() && confidence >= kAccept; }
        int best() const { return candidates.isEmpty() ? -1 : candidates.first().index; }
    };

    explicit ProductMatcher(QList<Product> products);

    const QList<Product> &products() const { return m_products; }
    const Product &product(int index) const { return m_products.at(index); }
    int indexOfId(qint64 productId) const;
    // How many products are named with this word (lower case, as indexWords() gives them).
    int productsNaming(const QString &word) const { return m_vocabulary.documentFrequency(word); }

    // The products a text names, best first; unit and quantity from the message break ties.
    QList<Candidate> search(const QString &text, const QString &unit = {}, double quantity = 0,
                            int limit = 5) const;
    Match match(const OrderTextParser::Item &item) const;
    QList<Match> matchOrder(const QString &message) const; // OrderTextParser, then match()

    // How many of the matched product the item asks for: "1 kg sugar" of a 500 g pack is 2,
    // "2 dozen eggs" of a 12-piece tray is 2, "3 milk" is 3.
    double packs(const Match &match) const;

    // In-stock products like this one: same category, similar name and price, same brand first.
    QList<int> substitutes(int index, int limit = 3) const;

    // The words products are indexed by: normalized, hyphenated words split and joined
    // ("parle-g" -> "parle-g", "parleg", "parle"), without numbers and units.
    static QStringList indexWords(const QString &text);

private:
    struct Entry
    {
        QString head; // what the product is: the last word of its main name ("Toned Milk")
        QString last; // the last word of the whole name
        QStringList name;
        QStringList brand;
        QList<QStringList> aliases;
        QStringList category;
    };
    struct QueryWord
    {
        QString text;
        QString sound; // KnowledgeIndex::soundKey
    };
    using Phrase = QList<QueryWord>;
    struct QueryUnit
    {
        QList<Phrase> phrases; // what the customer wrote, then other spellings and meanings
        double weight = 1;
    };

    QList<QueryUnit> queryUnits(const QString &text) const;
    double idf(const QString &word) const;
    Phrase phrase(const QStringList &words) const;
    double wordSimilarity(const QueryWord &q, const QString &n) const;
    double unitSimilarity(const QueryUnit &u, const QStringList &words) const;
    double coverage(const QStringList &words, const QList<QueryUnit> &units) const;
    double score(int index, const QList<QueryUnit> &units, const QString &unit,
                 double quantity) const;

    QList<Product> m_products;
    QVector<Entry> m_entries;
    QHash<QString, QVector<int>> m_postings;
    QHash<QString, QString> m_soundKeys; // catalog word -> its consonant skeleton
    Vocabulary m_vocabulary;
    QHash<qint64, int> m_byId;
};

} // namespace shopdesk
