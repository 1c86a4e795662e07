#include "catalog/ProductMatcher.h"

#include "agent/MessageNormalizer.h"
#include "catalog/GroceryWords.h"
#include "knowledge/KnowledgeIndex.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace shopdesk {

namespace {

const QSet<QString> &stopWords()
{
    static const QSet<QString> words = {
        QStringLiteral("ka"),   QStringLiteral("ki"),   QStringLiteral("ke"),
        QStringLiteral("wala"), QStringLiteral("wali"), QStringLiteral("wale"),
        QStringLiteral("of"),   QStringLiteral("the"),  QStringLiteral("some"),
        QStringLiteral("for"),  QStringLiteral("my"),   QStringLiteral("and"),
        QStringLiteral("aur"),  QStringLiteral("with"), QStringLiteral("hai"),
        QStringLiteral("kya"),  QStringLiteral("bhi"),  QStringLiteral("ek"),
        QStringLiteral("is"),   QStringLiteral("are"),  QStringLiteral("in"),
        QStringLiteral("to"),   QStringLiteral("more"), QStringLiteral("any"),
    };
    return words;
}

QString stem(const QString &w)
{
    if (w.size() > 4 && w.endsWith(QLatin1String("ies")))
        return w.left(w.size() - 3) + QLatin1Char('y');
    if (w.size() > 4 && (w.endsWith(QLatin1String("oes")) || w.endsWith(QLatin1String("ches")) ||
                         w.endsWith(QLatin1String("shes"))))
        return w.left(w.size() - 2);
    if (w.size() > 3 && w.endsWith(QLatin1Char('s')) && !w.endsWith(QLatin1String("ss")))
        return w.left(w.size() - 1);
    return w;
}

// "500 ml", "1 L", "1kg", "12 pcs", "1 dozen" -> amount in the base unit (g, ml or pieces) and
// its dimension.
bool parseSize(const QString &text, double &amount, QChar &dimension)
{
    static const QRegularExpression size(
        QStringLiteral(
            "(\\d+(?:\\.\\d+)?)\\s*(kg|g|gm|ml|l|ltr|litre|liter|pcs|pc|pieces|dozen)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = size.match(text);
    if (!m.hasMatch())
        return false;
    amount = m.captured(1).toDouble();
    const QString u = m.captured(2).toLower();
    if (u == QLatin1String("kg") || u == QLatin1String("g") || u == QLatin1String("gm")) {
        amount *= u == QLatin1String("kg") ? 1000 : 1;
        dimension = QLatin1Char('g');
    } else if (u == QLatin1String("dozen") || u.startsWith(QLatin1String("p"))) {
        amount *= u == QLatin1String("dozen") ? 12 : 1;
        dimension = QLatin1Char('p');
    } else {
        amount *= u == QLatin1String("ml") ? 1 : 1000;
        dimension = QLatin1Char('l');
    }
    return true;
}

bool productSize(const Product &p, double &amount, QChar &dimension)
{
    return parseSize(p.unit, amount, dimension) || parseSize(p.name, amount, dimension);
}

} // namespace

QStringList ProductMatcher::indexWords(const QString &text)
{
    QStringList out;
    for (const QString &w : MessageNormalizer::words(text)) {
        if (w.contains(QLatin1Char('-'))) {
            const QStringList parts = w.split(QLatin1Char('-'), Qt::SkipEmptyParts);
            out << parts.join(QString());
            for (const QString &p : parts) {
                if (p.size() >= 2 && !p.front().isDigit())
                    out << p;
            }
            continue;
        }
        if (w.size() < 2 || w.front().isDigit() || !OrderTextParser::unitWord(w).isEmpty())
            continue;
        out << w;
    }
    return out;
}

ProductMatcher::ProductMatcher(QList<Product> products)
    : m_products(std::move(products))
{
    m_entries.reserve(m_products.size());
    for (int i = 0; i < m_products.size(); ++i) {
        const Product &p = m_products.at(i);
        Entry e;
        e.name = indexWords(p.name);
        static const QRegularExpression variant(QStringLiteral("\\s+-\\s+|[/(,]"));
        const QStringList main = indexWords(p.name.section(variant, 0, 0));
        e.head = main.isEmpty() ? QString() : main.last();
        e.last = e.name.isEmpty() ? QString() : e.name.last();
        e.brand = indexWords(p.brand);
        for (const QString &a : p.aliases) {
            const QStringList words = indexWords(a);
            if (!words.isEmpty())
                e.aliases << words;
        }
        e.category = indexWords(p.category);
        QSet<QString> all(e.name.cbegin(), e.name.cend());
        all.unite(QSet<QString>(e.brand.cbegin(), e.brand.cend()));
        for (const QStringList &a : std::as_const(e.aliases))
            all.unite(QSet<QString>(a.cbegin(), a.cend()));
        all.unite(QSet<QString>(e.category.cbegin(), e.category.cend()));
        for (const QString &w : std::as_const(all)) {
            m_postings[w].append(i);
            if (!m_soundKeys.contains(w))
                m_soundKeys.insert(w, KnowledgeIndex::soundKey(w));
        }
        m_vocabulary.addPassage(QStringList(all.cbegin(), all.cend()).join(QLatin1Char(' ')));
        m_entries.append(e);
        m_byId.insert(p.id, i);
    }
    m_vocabulary.finish();
}

int ProductMatcher::indexOfId(qint64 productId) const
{
    return m_byId.value(productId, -1);
}

double ProductMatcher::idf(const QString &word) const
{
    const double n = double(m_products.size());
    const auto it = m_postings.constFind(word);
    const double df = it == m_postings.cend() ? 0.0 : double(it->size());
    return std::log((n + 1.0) / (df + 1.0)) + 1.0;
}

ProductMatcher::Phrase ProductMatcher::phrase(const QStringList &words) const
{
    Phrase out;
    for (const QString &w : words)
        out.append({w, KnowledgeIndex::soundKey(w)});
    return out;
}

QList<ProductMatcher::QueryUnit> ProductMatcher::queryUnits(const QString &text) const
{
    // One unit per word the customer wrote; a hyphenated word ("parle-g") is one unit whose
    // other spellings are its parts joined and apart.
    QList<QStringList> said;
    for (const QString &w : MessageNormalizer::words(text)) {
        if (stopWords().contains(w))
            continue;
        if (w.contains(QLatin1Char('-'))) {
            const QStringList parts = indexWords(w);
            if (!parts.isEmpty())
                said << parts;
            continue;
        }
        if (w.size() < 2 || w.front().isDigit() || !OrderTextParser::unitWord(w).isEmpty())
            continue;
        said << QStringList{w};
    }
    const GroceryWords &grocery = GroceryWords::shipped();
    QList<QueryUnit> units;
    for (qsizetype i = 0; i < said.size(); ++i) {
        QueryUnit u;
        QString word = said.at(i).first();
        QStringList meanings;
        if (i + 1 < said.size() && said.at(i).size() == 1 && grocery.isPhraseStart(word)) {
            const QString pair = word + QLatin1Char(' ') + said.at(i + 1).first();
            meanings = grocery.meanings(pair);
            if (!meanings.isEmpty()) {
                word = pair;
                ++i;
            }
        }
        if (meanings.isEmpty())
            meanings = grocery.meanings(word);
        u.phrases << phrase(word.split(QLatin1Char(' ')));
        for (qsizetype k = 1; k < said.at(i).size(); ++k)
            u.phrases << phrase({said.at(i).at(k)});
        for (const QString &m : std::as_const(meanings)) {
            if (m.contains(QLatin1Char('-'))) { // "coca-cola": as one word, or as its parts
                u.phrases << phrase({QString(m).remove(QLatin1Char('-'))});
                u.phrases << phrase(m.split(QLatin1Char('-'), Qt::SkipEmptyParts));
            } else {
                u.phrases << phrase(indexWords(m));
            }
        }
        // Two words the customer split that the catalog writes as one ("parle g", "coca cola").
        if (i + 1 < said.size())
            u.phrases << phrase({word + said.at(i + 1).first()});
        if (i > 0)
            u.phrases << phrase({said.at(i - 1).first() + word});
        double weight = 0;
        for (const QueryWord &w : u.phrases.first())
            weight = std::max(weight, idf(w.text));
        u.weight = weight;
        units << u;
    }
    return units;
}

double ProductMatcher::wordSimilarity(const QueryWord &query, const QString &n) const
{
    const QString &q = query.text;
    if (q == n)
        return 1.0;
    if (stem(q) == stem(n))
        return 0.95;
    const qsizetype shorter = std::min(q.size(), n.size());
    const qsizetype longer = std::max(q.size(), n.size());
    if (shorter >= 4 && (n.startsWith(q) || q.startsWith(n)) && shorter * 10 >= longer * 6)
        return 0.85;
    if (shorter >= 3 && query.sound.size() >= 2 && m_soundKeys.value(n) == query.sound)
        return 0.85;
    if (shorter >= 4) {
        const int allowed = shorter >= 7 ? 2 : 1;
        const int d = Vocabulary::editDistance(q, n, allowed);
        if (d <= allowed)
            return d == 1 ? 0.85 : 0.7;
    }
    return 0;
}

double ProductMatcher::unitSimilarity(const QueryUnit &u, const QStringList &words) const
{
    double best = 0;
    for (qsizetype p = 0; p < u.phrases.size(); ++p) {
        const Phrase &phrase = u.phrases.at(p);
        if (phrase.isEmpty())
            continue;
        double sum = 0;
        for (const QueryWord &q : phrase) {
            double s = 0;
            for (const QString &n : words)
                s = std::max(s, wordSimilarity(q, n));
            sum += s;
        }
        const double factor = p == 0 ? 1.0 : 0.95; // another spelling or meaning: a little less
        best = std::max(best, factor * sum / double(phrase.size()));
    }
    return best;
}

double ProductMatcher::coverage(const QStringList &words, const QList<QueryUnit> &units) const
{
    double total = 0, covered = 0;
    for (const QString &n : words) {
        const double w = idf(n);
        total += w;
        double best = 0;
        for (const QueryUnit &u : units) {
            for (const Phrase &phrase : u.phrases) {
                for (const QueryWord &q : phrase)
                    best = std::max(best, wordSimilarity(q, n));
            }
        }
        covered += best >= 0.8 ? w * best : 0;
    }
    return total > 0 ? covered / total : 0;
}

double ProductMatcher::score(int index, const QList<QueryUnit> &units, const QString &unit,
                             double quantity) const
{
    const Entry &e = m_entries.at(index);
    const QStringList nameAndBrand = e.name + e.brand;
    double weightSum = 0, explained = 0;
    for (const QueryUnit &u : units) {
        double s = unitSimilarity(u, nameAndBrand);
        for (const QStringList &alias : e.aliases)
            s = std::max(s, unitSimilarity(u, alias + e.brand));
        s = std::max(s, 0.7 * unitSimilarity(u, e.category));
        weightSum += u.weight;
        explained += u.weight * s;
    }
    const double queryCoverage = weightSum > 0 ? explained / weightSum : 0;
    double nameCoverage = coverage(e.name, units);
    for (const QStringList &alias : e.aliases)
        nameCoverage = std::max(nameCoverage, coverage(alias, units));
    // Said what the product is, not only what it tastes of: "butter" is Butter, not Butter
    // Cookies; "eggs" are Free Range Eggs, not Egg Masala. The head is the last word of the
    // main name or of the whole name ("Sun Lite - Sunflower Refined Oil" is an oil).
    double head = 0;
    if (!e.head.isEmpty()) {
        for (const QueryUnit &u : units)
            head = std::max(head, unitSimilarity(u, {e.head, e.last}));
        for (const QStringList &alias : e.aliases) {
            if (!alias.isEmpty()) {
                for (const QueryUnit &u : units)
                    head = std::max(head, unitSimilarity(u, {alias.last()}));
            }
        }
    }
    double s = 0.7 * queryCoverage + 0.15 * nameCoverage + (head >= 0.8 ? 0.15 * head : 0.0);

    // A size in the message ("1 litre milk", "500g paneer", "2 dozen eggs") prefers the product
    // of that size: the whole amount in one pack, or one of the unit per pack.
    double unitAmount = 0, productAmount = 0;
    QChar askedDim, productDim;
    if (!unit.isEmpty() && parseSize(QStringLiteral("1 ") + unit, unitAmount, askedDim) &&
        productSize(m_products.at(index), productAmount, productDim) && askedDim == productDim) {
        const double whole = unitAmount * (quantity > 0 ? quantity : 1);
        s += qFuzzyCompare(unitAmount, productAmount) || qFuzzyCompare(whole, productAmount)
                 ? 0.1
                 : -0.03;
    }
    return std::clamp(s, 0.0, 1.1); // above 1 only by a size match, to tell sizes apart
}

double ProductMatcher::packs(const Match &match) const
{
    const double quantity = match.item.quantity;
    double unitAmount = 0, productAmount = 0;
    QChar askedDim, productDim;
    if (match.best() < 0 || match.item.unit.isEmpty() ||
        !parseSize(QStringLiteral("1 ") + match.item.unit, unitAmount, askedDim) ||
        !productSize(m_products.at(match.best()), productAmount, productDim) ||
        askedDim != productDim || productAmount <= 0)
        return quantity; // "2 milk", "3 packets": that many of the product
    const double packs = quantity * unitAmount / productAmount;
    // "1 kg" of a 500 g pack is two packs; "300 g" of a 500 g pack is still one.
    return std::max(1.0, std::round(packs * 2) / 2);
}

QList<ProductMatcher::Candidate> ProductMatcher::search(const QString &text, const QString &unit,
                                                        double quantity, int limit) const
{
    const QList<QueryUnit> units = queryUnits(text);
    if (units.isEmpty())
        return {};
    QSet<int> pool;
    for (const QueryUnit &u : units) {
        for (const Phrase &phrase : u.phrases) {
            for (const QueryWord &word : phrase) {
                const QString &w = word.text;
                QStringList lookups{w};
                if (w.size() >= 3) {
                    lookups += m_vocabulary.corrections(w, 3);
                    lookups += m_vocabulary.soundsLike(w, 3);
                }
                const QString s = stem(w);
                if (s != w)
                    lookups << s;
                for (const QString &l : std::as_const(lookups)) {
                    for (int i : m_postings.value(l))
                        pool.insert(i);
                }
            }
        }
    }
    QList<Candidate> scored;
    scored.reserve(pool.size());
    for (int i : std::as_const(pool)) {
        const double s = score(i, units, unit, quantity);
        if (s > 0.3)
            scored.append({i, s});
    }
    std::sort(scored.begin(), scored.end(), [this](const Candidate &a, const Candidate &b) {
        if (a.score != b.score)
            return a.score > b.score;
        // Equal scores: in stock first, then the shorter (more generic) name, then id.
        const Product &pa = m_products.at(a.index), &pb = m_products.at(b.index);
        if (pa.outOfStock() != pb.outOfStock())
            return !pa.outOfStock();
        if (pa.name.size() != pb.name.size())
            return pa.name.size() < pb.name.size();
        return a.index < b.index;
    });
    if (scored.size() > limit)
        scored.resize(limit);
    return scored;
}

ProductMatcher::Match ProductMatcher::match(const OrderTextParser::Item &item) const
{
    Match m;
    m.item = item;
    m.candidates = search(item.text, item.unit, item.quantityGiven ? item.quantity : 0);
    if (m.candidates.isEmpty())
        return m;
    m.confidence = std::min(1.0, m.candidates.first().score);
    // Another product nearly as likely: the customer has to say which.
    if (m.candidates.size() > 1 && m.candidates.at(1).score >= m.candidates.first().score - 0.05)
        m.confidence = std::min(m.confidence, 0.75);
    return m;
}

QList<ProductMatcher::Match> ProductMatcher::matchOrder(const QString &message) const
{
    QList<Match> out;
    for (const OrderTextParser::Item &item : OrderTextParser::parse(message))
        out << match(item);
    return out;
}

QList<int> ProductMatcher::substitutes(int index, int limit) const
{
    const Product &original = m_products.at(index);
    const Entry &e = m_entries.at(index);
    const QSet<QString> words(e.name.cbegin(), e.name.cend());
    QList<QPair<double, int>> ranked;
    for (int i = 0; i < m_products.size(); ++i) {
        const Product &p = m_products.at(i);
        if (i == index || p.outOfStock() ||
            p.category.compare(original.category, Qt::CaseInsensitive) != 0)
            continue;
        const Entry &other = m_entries.at(i);
        const QSet<QString> otherWords(other.name.cbegin(), other.name.cend());
        QSet<QString> shared = words;
        shared.intersect(otherWords);
        QSet<QString> both = words;
        both.unite(otherWords);
        double aliasShared = 0;
        for (const QStringList &a : e.aliases) {
            for (const QStringList &b : other.aliases)
                aliasShared = std::max(aliasShared, a == b ? 1.0 : 0.0);
        }
        const double nameSimilarity = std::max(
            both.isEmpty() ? 0.0 : double(shared.size()) / double(both.size()), aliasShared);
        const double priceGap =
            original.priceMinor > 0
                ? std::min(1.0, std::abs(double(p.priceMinor - original.priceMinor)) /
                                    double(original.priceMinor))
                : 0.0;
        const bool sameBrand =
            !p.brand.isEmpty() && p.brand.compare(original.brand, Qt::CaseInsensitive) == 0;
        ranked.append(
            {0.5 * nameSimilarity + 0.3 * (1.0 - priceGap) + 0.2 * (sameBrand ? 1 : 0), i});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    QList<int> out;
    for (const auto &[score, i] : std::as_const(ranked)) {
        if (out.size() >= limit)
            break;
        out << i;
    }
    return out;
}

} // namespace shopdesk
