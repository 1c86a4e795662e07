#include "agent/OrderTextParser.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace shopdesk {

namespace {

const QHash<QString, double> &numberWords()
{
    static const QHash<QString, double> words = {
        {QStringLiteral("a"), 1},       {QStringLiteral("an"), 1},
        {QStringLiteral("one"), 1},     {QStringLiteral("two"), 2},
        {QStringLiteral("three"), 3},   {QStringLiteral("four"), 4},
        {QStringLiteral("five"), 5},    {QStringLiteral("six"), 6},
        {QStringLiteral("seven"), 7},   {QStringLiteral("eight"), 8},
        {QStringLiteral("nine"), 9},    {QStringLiteral("ten"), 10},
        {QStringLiteral("eleven"), 11}, {QStringLiteral("twelve"), 12},
        {QStringLiteral("half"), 0.5},  {QStringLiteral("ek"), 1},
        {QStringLiteral("do"), 2},      {QStringLiteral("teen"), 3},
        {QStringLiteral("char"), 4},    {QStringLiteral("chaar"), 4},
        {QStringLiteral("paanch"), 5},  {QStringLiteral("panch"), 5},
        {QStringLiteral("chhe"), 6},    {QStringLiteral("chah"), 6},
        {QStringLiteral("saat"), 7},    {QStringLiteral("aath"), 8},
        {QStringLiteral("nau"), 9},     {QStringLiteral("das"), 10},
        {QStringLiteral("aadha"), 0.5}, {QStringLiteral("adha"), 0.5},
        {QStringLiteral("aadhi"), 0.5}, {QStringLiteral("dedh"), 1.5},
        {QStringLiteral("derh"), 1.5},  {QStringLiteral("dhai"), 2.5},
        {QStringLiteral("dhaai"), 2.5}, {QStringLiteral("½"), 0.5},
    };
    return words;
}

const QHash<QString, QString> &unitWords()
{
    static const QHash<QString, QString> units = [] {
        QHash<QString, QString> u;
        const auto add = [&](const QString &canonical, std::initializer_list<const char *> names) {
            for (const char *n : names)
                u.insert(QString::fromLatin1(n), canonical);
        };
        add(QStringLiteral("g"), {"g", "gm", "gms", "gram", "grams", "gramme"});
        add(QStringLiteral("kg"), {"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"});
        add(QStringLiteral("ml"), {"ml", "mls", "millilitre", "milliliter"});
        add(QStringLiteral("l"), {"l", "lt", "ltr", "ltrs", "litre", "litres", "liter", "liters"});
        add(QStringLiteral("pcs"), {"pc", "pcs", "piece", "pieces", "nos", "no"});
        add(QStringLiteral("pack"),
            {"pack", "packs", "packet", "packets", "pkt", "pkts", "packet"});
        add(QStringLiteral("dozen"), {"dozen", "dozens", "dz", "darjan"});
        add(QStringLiteral("case"), {"case", "cases", "cs"});
        add(QStringLiteral("carton"), {"carton", "cartons", "ctn", "ctns"});
        add(QStringLiteral("bottle"), {"bottle", "bottles", "btl"});
        return u;
    }();
    return units;
}

// Words that ask or order, not name a product.
const QSet<QString> &fillerWords()
{
    static const QSet<QString> words = {
        QStringLiteral("please"), QStringLiteral("pls"),     QStringLiteral("plz"),
        QStringLiteral("send"),   QStringLiteral("bhej"),    QStringLiteral("bhejo"),
        QStringLiteral("bhejna"), QStringLiteral("dena"),    QStringLiteral("de"),
        QStringLiteral("dedo"),   QStringLiteral("chahiye"), QStringLiteral("i"),
        QStringLiteral("want"),   QStringLiteral("need"),    QStringLiteral("order"),
        QStringLiteral("me"),     QStringLiteral("mujhe"),   QStringLiteral("hume"),
        QStringLiteral("ji"),     QStringLiteral("bhai"),    QStringLiteral("bhaiya"),
        QStringLiteral("of"),     QStringLiteral("give"),    QStringLiteral("add"),
    };
    return words;
}

} // namespace

double OrderTextParser::quantityWord(const QString &token)
{
    const QString t = token.toLower();
    bool ok = false;
    const double n = QString(t).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&ok);
    if (ok && n > 0)
        return n;
    return numberWords().value(t, -1);
}

QString OrderTextParser::unitWord(const QString &token)
{
    return unitWords().value(token.toLower());
}

QList<OrderTextParser::Item> OrderTextParser::parse(const QString &message)
{
    static const QRegularExpression separators(
        QStringLiteral("\\s*(?:,|;|&|\\+|\\n|\\b(?:and|aur|also|bhi)\\b)\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    // "2kg", "500ml", "3cs": a number glued to its unit.
    static const QRegularExpression glued(QStringLiteral("^(\\d+(?:[.,]\\d+)?)([a-z]+)$"));
    static const QRegularExpression tokens(QStringLiteral("[^\\s]+"));
    static const QRegularExpression edgePunctuation(QStringLiteral("^[.!?:\"']+|[.!?:\"']+$"));
    QList<Item> items;
    for (const QString &segment : message.split(separators, Qt::SkipEmptyParts)) {
        QStringList words;
        auto it = tokens.globalMatch(segment);
        while (it.hasNext()) {
            QString w = it.next().captured(0);
            w.remove(edgePunctuation);
            if (!w.isEmpty())
                words << w;
        }
        Item item;
        QStringList rest;
        for (int i = 0; i < words.size(); ++i) {
            const QString lower = words.at(i).toLower();
            if (!item.quantityGiven) {
                const auto g = glued.match(lower);
                if (g.hasMatch() && !unitWord(g.captured(2)).isEmpty()) {
                    item.quantity = quantityWord(g.captured(1));
                    item.unit = unitWord(g.captured(2));
                    item.quantityGiven = true;
                    continue;
                }
                const double q = quantityWord(lower);
                // "do" is two only before a product, not in "do you have".
                const bool pronounNext =
                    i + 1 < words.size() && QStringList{QStringLiteral("you"), QStringLiteral("u"),
                                                        QStringLiteral("we"), QStringLiteral("aap")}
                                                .contains(words.at(i + 1).toLower());
                // ... nor in "bhej do", "de do", "kar do" (a verb: "give").
                const bool verbBefore =
                    i > 0 &&
                    QStringList{QStringLiteral("bhej"), QStringLiteral("de"), QStringLiteral("kar"),
                                QStringLiteral("send"), QStringLiteral("le")}
                        .contains(words.at(i - 1).toLower());
                if (q > 0 && !(lower == QLatin1String("do") && (pronounNext || verbBefore))) {
                    item.quantity = q;
                    item.quantityGiven = true;
                    // A unit right after the number: "2 dozen eggs", "do kilo aata".
                    if (i + 1 < words.size() && !unitWord(words.at(i + 1)).isEmpty())
                        item.unit = unitWord(words.at(++i));
                    continue;
                }
            }
            if (item.unit.isEmpty() && item.quantityGiven && !unitWord(lower).isEmpty() &&
                rest.isEmpty()) {
                item.unit = unitWord(lower);
                continue;
            }
            if (lower == QLatin1String("dozen") && !item.quantityGiven) {
                item.quantity = 1;
                item.unit = QStringLiteral("dozen");
                item.quantityGiven = true;
                continue;
            }
            if (fillerWords().contains(lower) || lower == QLatin1String("do"))
                continue;
            rest << words.at(i);
        }
        item.text = rest.join(QLatin1Char(' ')).trimmed();
        if (!item.text.isEmpty())
            items.append(item);
    }
    return items;
}

} // namespace shopdesk
