#include "owner/OwnerCommandParser.h"

#include "agent/IntentClassifier.h"
#include "agent/IntentEvaluation.h"
#include "agent/OrderTextParser.h"
#include "knowledge/CsvTable.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace shopdesk {

namespace {

using Kind = OwnerCommand::Kind;

// The owner's words and what they do in a command (resources/agent/owner-words.csv).
const QHash<QString, QString> &roles()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> out;
        QFile f(QStringLiteral(":/agent/owner-words.csv"));
        if (!f.open(QIODevice::ReadOnly))
            return out;
        const auto rows = CsvTable::parse(f.readAll());
        if (!rows)
            return out;
        for (const QStringList &row : rows.value())
            if (row.size() >= 2 && row.at(0) != QLatin1String("word"))
                out.insert(row.at(0).trimmed().toLower(), row.at(1).trimmed());
        return out;
    }();
    return table;
}

const std::optional<IntentClassifier> &classifier()
{
    static const std::optional<IntentClassifier> model = []() -> std::optional<IntentClassifier> {
        QFile f(QStringLiteral(":/agent/owner-intents.csv"));
        if (!f.open(QIODevice::ReadOnly))
            return std::nullopt;
        auto examples = IntentEvaluation::parseCsv(f.readAll());
        if (!examples)
            return std::nullopt;
        IntentClassifier::Options options;
        options.threshold = 0.2;
        auto trained = IntentClassifier::train(examples.value(), options);
        return trained ? std::optional<IntentClassifier>(trained.value()) : std::nullopt;
    }();
    return model;
}

Kind kindOf(const QString &label)
{
    static const QHash<QString, Kind> kinds{{QStringLiteral("owner_balance"), Kind::Balance},
                                            {QStringLiteral("owner_payment"), Kind::Payment},
                                            {QStringLiteral("owner_credit"), Kind::Credit},
                                            {QStringLiteral("owner_stock"), Kind::Stock},
                                            {QStringLiteral("owner_sales"), Kind::Sales},
                                            {QStringLiteral("owner_remind"), Kind::Remind},
                                            {QStringLiteral("owner_yes"), Kind::Yes},
                                            {QStringLiteral("owner_no"), Kind::No},
                                            {QStringLiteral("owner_help"), Kind::Help}};
    return kinds.value(label, Kind::None);
}

QStringList tokensOf(const QString &text)
{
    static const QRegularExpression token(
        QStringLiteral("(?:₹|rs\\.?)?\\s?\\d[\\d,]*(?:\\.\\d+)?|[\\p{L}\\p{M}]+"),
        QRegularExpression::CaseInsensitiveOption);
    QString lower = text.toLower();
    lower.replace(QStringLiteral("'s"), QString()).replace(QStringLiteral("’s"), QString());
    QStringList out;
    for (auto it = token.globalMatch(lower); it.hasNext();)
        out << it.next().captured(0).trimmed();
    return out;
}

bool isNumber(const QString &t)
{
    return !t.isEmpty() && (t.front().isDigit() || t.startsWith(QStringLiteral("₹")) ||
                            t.startsWith(QLatin1String("rs")));
}

qint64 minorOf(QString t)
{
    t.remove(QStringLiteral("₹")).remove(QStringLiteral("rs.")).remove(QStringLiteral("rs"));
    t.remove(QLatin1Char(',')).remove(QLatin1Char(' '));
    bool ok = false;
    const double v = t.toDouble(&ok);
    return ok && v > 0 ? qint64(std::llround(v * 100)) : 0;
}

bool isUnit(const QString &t)
{
    static const QSet<QString> more{QStringLiteral("packet"), QStringLiteral("packets"),
                                    QStringLiteral("pkt"),    QStringLiteral("kilo"),
                                    QStringLiteral("litre"),  QStringLiteral("liter"),
                                    QStringLiteral("piece"),  QStringLiteral("pieces")};
    return !OrderTextParser::unitWord(t).isEmpty() || more.contains(t);
}

// The parts of a command, read from its words.
struct Parts
{
    QStringList who;
    QStringList unknown; // words no list knows: names and goods
    QStringList items;   // the goods phrase, for the order parser
    qint64 amountMinor = 0;
    bool goods = false;
    bool pronoun = false;
    int inDays = -1;
    LedgerEntry::Method method = LedgerEntry::Method::None;
    QSet<QString> seen; // the roles of the words used
};

int daysOf(const QStringList &t, int i)
{
    const QString &w = t.at(i);
    if (w == QLatin1String("kal") || w == QLatin1String("tomorrow"))
        return 1;
    if (w == QLatin1String("parso"))
        return 2;
    if (w == QLatin1String("aaj") || w == QLatin1String("today"))
        return 0;
    if ((w == QLatin1String("week") || w == QLatin1String("hafte")) && i > 0 &&
        (t.at(i - 1) == QLatin1String("next") || t.at(i - 1) == QLatin1String("agle")))
        return 7;
    return -1;
}

Parts partsOf(const QStringList &t)
{
    const auto &role = roles();
    Parts p;
    bool inGoods = false; // after a quantity: the words are what is given
    bool whoDone = false;
    for (int i = 0; i < t.size(); ++i) {
        const QString &w = t.at(i);
        const QString r = role.value(w);
        if (isNumber(w)) {
            const QString next = i + 1 < t.size() ? t.at(i + 1) : QString();
            const QString nextRole = role.value(next);
            if (nextRole == QLatin1String("time")) { // "3 din baad", "in 2 days"
                p.inDays = int(minorOf(w) / 100);
                continue;
            }
            const bool money = w.startsWith(QStringLiteral("₹")) ||
                               w.startsWith(QLatin1String("rs")) || next.isEmpty() ||
                               (!nextRole.isEmpty() && !isUnit(next));
            if (money) {
                if (p.amountMinor == 0)
                    p.amountMinor = minorOf(w);
                inGoods = false;
            } else {
                p.goods = true;
                inGoods = true;
                p.items << w;
            }
            if (!p.who.isEmpty())
                whoDone = true;
            continue;
        }
        if (const int d = daysOf(t, i); d >= 0 && p.inDays < 0)
            p.inDays = d;
        if (!r.isEmpty()) {
            p.seen.insert(r);
            if (r == QLatin1String("pronoun"))
                p.pronoun = true;
            if (p.method == LedgerEntry::Method::None &&
                (r == QLatin1String("cash") || r == QLatin1String("upi") ||
                 r == QLatin1String("card")))
                p.method = LedgerEntry::methodFrom(r);
            if (inGoods && (w == QLatin1String("aur") || w == QLatin1String("and")))
                p.items << QStringLiteral("aur");
            else
                inGoods = false;
            if (!p.who.isEmpty())
                whoDone = true;
            continue;
        }
        if (isUnit(w) && inGoods) {
            p.items << w;
            continue;
        }
        p.unknown << w;
        if (inGoods) {
            p.items << w;
            continue;
        }
        if (!whoDone && p.who.size() < 3)
            p.who << w;
    }
    return p;
}

bool hinglishWords(const QStringList &t)
{
    static const QSet<QString> hindi{
        QStringLiteral("ka"),     QStringLiteral("ki"),    QStringLiteral("ke"),
        QStringLiteral("ne"),     QStringLiteral("ko"),    QStringLiteral("se"),
        QStringLiteral("pe"),     QStringLiteral("mein"),  QStringLiteral("diye"),
        QStringLiteral("udhaar"), QStringLiteral("kal"),   QStringLiteral("parso"),
        QStringLiteral("aaj"),    QStringLiteral("kitna"), QStringLiteral("bacha"),
        QStringLiteral("batao"),  QStringLiteral("yaad"),  QStringLiteral("haan"),
        QStringLiteral("nahi"),   QStringLiteral("hai"),   QStringLiteral("jama"),
        QStringLiteral("mile"),   QStringLiteral("likho"), QStringLiteral("hisaab")};
    for (const QString &w : t)
        if (hindi.contains(w))
            return true;
    return false;
}

// Whether the command has what its kind needs.
bool fits(Kind kind, const Parts &p)
{
    switch (kind) {
    case Kind::Payment:
        return p.amountMinor > 0 && !p.goods;
    case Kind::Credit:
        return p.amountMinor > 0 || p.goods;
    case Kind::None:
        return false;
    default:
        return true;
    }
}

// Strong words that settle a kind the classifier could not (a name it never saw, an odd order).
Kind byWords(const Parts &p)
{
    if (p.seen.contains(QStringLiteral("remind")))
        return Kind::Remind;
    if (p.seen.contains(QStringLiteral("credit")) && (p.amountMinor > 0 || p.goods))
        return Kind::Credit;
    if (p.seen.contains(QStringLiteral("paid")) && p.amountMinor > 0)
        return Kind::Payment;
    if (p.seen.contains(QStringLiteral("stock")))
        return Kind::Stock;
    if (p.seen.contains(QStringLiteral("sales")))
        return Kind::Sales;
    return Kind::None;
}

} // namespace

QString OwnerCommand::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Balance:
        return QStringLiteral("balance");
    case Kind::Payment:
        return QStringLiteral("payment");
    case Kind::Credit:
        return QStringLiteral("credit");
    case Kind::Stock:
        return QStringLiteral("stock");
    case Kind::Sales:
        return QStringLiteral("sales");
    case Kind::Remind:
        return QStringLiteral("remind");
    case Kind::Yes:
        return QStringLiteral("yes");
    case Kind::No:
        return QStringLiteral("no");
    case Kind::Help:
        return QStringLiteral("help");
    case Kind::Choose:
        return QStringLiteral("choose");
    case Kind::None:
        break;
    }
    return QStringLiteral("none");
}

OwnerCommand OwnerCommandParser::parse(const QString &text)
{
    OwnerCommand c;
    const QString simple = text.simplified();
    static const QRegularExpression choice(QStringLiteral("^(?:#|no\\.?\\s*)?([1-9])\\.?$"));
    if (const auto m = choice.match(simple); m.hasMatch()) {
        c.kind = Kind::Choose;
        c.choice = m.captured(1).toInt();
        return c;
    }
    const QStringList t = tokensOf(simple);
    const Parts p = partsOf(t);
    c.hinglish = hinglishWords(t);
    c.amountMinor = p.amountMinor;
    c.method = p.method;
    c.inDays = p.inDays;
    c.who = p.pronoun && p.who.isEmpty() ? QString() : p.who.join(QLatin1Char(' '));
    c.items = p.items.join(QLatin1Char(' '));
    c.product = p.unknown.join(QLatin1Char(' '));
    if (!classifier())
        return c;
    const IntentClassifier::Prediction guess = classifier()->classify(simple);
    c.intent = guess.label;
    c.confidence = guess.probability;
    Kind kind = guess.outOfScope ? Kind::None : kindOf(guess.label);
    if (!fits(kind, p)) {
        kind = Kind::None;
        for (const auto &[label, probability] : guess.ranking)
            if (probability >= 0.1 && fits(kindOf(label), p) && kindOf(label) != Kind::Yes &&
                kindOf(label) != Kind::No) {
                kind = kindOf(label);
                break;
            }
    }
    if (const Kind strong = byWords(p);
        strong != Kind::None && (kind == Kind::None || !fits(kind, p)))
        kind = strong;
    c.kind = kind;
    if (kind != Kind::Balance && kind != Kind::Payment && kind != Kind::Credit &&
        kind != Kind::Remind)
        c.who.clear();
    if (kind == Kind::Remind && c.inDays < 0)
        c.inDays = 1;
    return c;
}

} // namespace shopdesk
