#include "cli/OrderParseCommand.h"

#include "catalog/ProductCsv.h"
#include "catalog/ProductMatcher.h"
#include "storage/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

namespace {

QString money(qint64 minor)
{
    return QString::number(double(minor) / 100.0, 'f', 2);
}

QJsonObject productJson(const Product &p)
{
    return {{QStringLiteral("sku"), p.sku},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("brand"), p.brand},
            {QStringLiteral("unit"), p.unit},
            {QStringLiteral("price"), double(p.priceMinor) / 100.0},
            {QStringLiteral("in_stock"), !p.outOfStock()}};
}

QString describe(const Product &p)
{
    QStringList parts{p.name};
    if (!p.brand.isEmpty())
        parts << p.brand;
    if (!p.unit.isEmpty())
        parts << p.unit;
    parts << money(p.priceMinor);
    return parts.join(QStringLiteral(", "));
}

} // namespace

void OrderParseCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("catalog"),
         QStringLiteral("A product CSV with a header (product/name, brand, category, "
                        "price/sale_price, stock, ...). Default: the store's inventory."),
         QStringLiteral("FILE")});
    addTenantOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the items as JSON.")});
}

int OrderParseCommand::run(const QCommandLineParser &parser)
{
    const QString text = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("Give the message: shopdesk-cli order parse --catalog "
                                   "products.csv \"2 milk aur 1 bread\""));
    QList<Product> products;
    if (parser.isSet(QStringLiteral("catalog"))) {
        QFile file(parser.value(QStringLiteral("catalog")));
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                QStringLiteral("Cannot open %1: %2").arg(file.fileName(), file.errorString()));
        auto parsed = ProductCsv::parse(file.readAll());
        if (!parsed)
            return fail(file.fileName() + QStringLiteral(": ") + parsed.error());
        for (const ProductCsv::RowError &e : std::as_const(parsed->errors))
            err() << file.fileName() << ": row " << e.row << " left out: " << e.message << '\n';
        products = parsed->products;
        for (int i = 0; i < products.size(); ++i)
            products[i].id = i + 1;
    } else {
        auto store = openStore(parser);
        if (!store)
            return fail(store.error());
        auto t = tenant(*store.value(), parser);
        if (!t)
            return fail(t.error());
        auto list = store.value()->catalog().products(t->id);
        if (!list)
            return fail(list.error());
        products = list.value();
    }
    if (products.isEmpty())
        return fail(QStringLiteral("The catalog has no products."));

    QElapsedTimer timer;
    timer.start();
    const ProductMatcher matcher(products);
    const double indexMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const QList<ProductMatcher::Match> matches = matcher.matchOrder(text);
    const double matchMs = double(timer.nsecsElapsed()) / 1e6;

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray items;
        for (const ProductMatcher::Match &m : matches) {
            QJsonArray candidates;
            for (const ProductMatcher::Candidate &c : m.candidates) {
                QJsonObject o = productJson(matcher.product(c.index));
                o.insert(QStringLiteral("score"), c.score);
                candidates.append(o);
            }
            QJsonObject item{{QStringLiteral("text"), m.item.text},
                             {QStringLiteral("quantity"), m.item.quantity},
                             {QStringLiteral("unit"), m.item.unit},
                             {QStringLiteral("confidence"), m.confidence},
                             {QStringLiteral("accepted"), m.accepted()},
                             {QStringLiteral("candidates"), candidates}};
            if (m.best() >= 0)
                item.insert(QStringLiteral("product"), productJson(matcher.product(m.best())));
            items.append(item);
        }
        out() << QJsonDocument(QJsonObject{{QStringLiteral("items"), items},
                                           {QStringLiteral("products"), int(products.size())},
                                           {QStringLiteral("match_ms"), matchMs}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return ExitOk;
    }
    if (matches.isEmpty()) {
        out() << "no items found in the message\n";
        return ExitOk;
    }
    for (const ProductMatcher::Match &m : matches) {
        out() << QStringLiteral("%1 %2 \"%3\"\n")
                     .arg(QString::number(m.item.quantity),
                          m.item.unit.isEmpty() ? QStringLiteral("×") : m.item.unit, m.item.text);
        if (m.candidates.isEmpty()) {
            out() << "    no product matches\n";
            continue;
        }
        out() << QStringLiteral("    %1 %2  (score %3, confidence %4%5)\n")
                     .arg(m.accepted() ? QStringLiteral("→") : QStringLiteral("?"),
                          describe(matcher.product(m.best())))
                     .arg(m.candidates.first().score, 0, 'f', 2)
                     .arg(m.confidence, 0, 'f', 2)
                     .arg(m.accepted() ? QString() : QStringLiteral(": the bot asks which one"));
        if (!m.accepted()) {
            for (qsizetype i = 1; i < m.candidates.size(); ++i)
                out() << QStringLiteral("    ? %1  (%2)\n")
                             .arg(describe(matcher.product(m.candidates.at(i).index)))
                             .arg(m.candidates.at(i).score, 0, 'f', 2);
        }
    }
    err() << QStringLiteral("%1 products indexed in %2 ms; matched in %3 ms\n")
                 .arg(products.size())
                 .arg(indexMs, 0, 'f', 0)
                 .arg(matchMs, 0, 'f', 2);
    return ExitOk;
}

} // namespace shopdesk
