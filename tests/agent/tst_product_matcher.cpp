#include "catalog/ProductCsv.h"
#include "catalog/ProductMatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace shopdesk;

// Orders read from chat and matched to a store's inventory: the demo store (short names with
// aliases, several sizes) and the real 27,555-product BigBasket catalog (long names, no stock).
class TestProductMatcher : public QObject
{
    Q_OBJECT

    static QList<Product> demoProducts()
    {
        QFile file(QStringLiteral(":/demo/products.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("no demo products");
        QList<Product> list;
        const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            Product p;
            p.id = list.size() + 1;
            p.sku = o.value(QStringLiteral("sku")).toString();
            p.name = o.value(QStringLiteral("name")).toString();
            p.brand = o.value(QStringLiteral("brand")).toString();
            p.category = o.value(QStringLiteral("category")).toString();
            p.unit = o.value(QStringLiteral("unit")).toString();
            p.priceMinor = qRound64(o.value(QStringLiteral("price")).toDouble() * 100);
            p.stock = o.value(QStringLiteral("stock")).toDouble();
            for (const QJsonValue &a : o.value(QStringLiteral("aliases")).toArray())
                p.aliases << a.toString();
            list << p;
        }
        return list;
    }

    static const ProductMatcher &demo()
    {
        static const ProductMatcher matcher(demoProducts());
        return matcher;
    }

    static const ProductMatcher &bigBasketMatcher()
    {
        static const ProductMatcher matcher = [] {
            QFile file(qEnvironmentVariable("SHOPDESK_SHARED_DIR") +
                       QStringLiteral("/data/bigbasket_products.csv"));
            if (!file.open(QIODevice::ReadOnly))
                qFatal("no BigBasket catalog in ../shared/data");
            auto parsed = ProductCsv::parse(file.readAll());
            if (!parsed)
                qFatal("%s", qPrintable(parsed.error()));
            return ProductMatcher(parsed->products);
        }();
        return matcher;
    }

    static QString describe(const ProductMatcher &m, int index)
    {
        if (index < 0)
            return QStringLiteral("(nothing)");
        const Product &p = m.product(index);
        return p.brand + QLatin1Char(' ') + p.name + QLatin1Char(' ') + p.unit;
    }

private Q_SLOTS:
    // message | item | quantity | unit | product (brand name unit) or "?" plus the first
    // candidate when the bot must ask | packs
    void demoStore_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("item");
        QTest::addColumn<double>("quantity");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("product");
        QTest::addColumn<double>("packs");

        QTest::newRow("hinglish, size decides")
            << QStringLiteral("1 litre amul milk aur 2 bread") << 0 << 1.0 << QStringLiteral("l")
            << true << QStringLiteral("Amul Toned Milk 1 L") << 1.0;
        QTest::newRow("bread: two breads, ask")
            << QStringLiteral("1 litre amul milk aur 2 bread") << 1 << 2.0 << QString() << false
            << QString() << 2.0;
        QTest::newRow("hindi name")
            << QStringLiteral("ek kilo cheeni bhej do") << 0 << 1.0 << QStringLiteral("kg") << true
            << QStringLiteral("Madhur Sugar 1 kg") << 1.0;
        QTest::newRow("dozen eggs")
            << QStringLiteral("2 dozen ande") << 0 << 2.0 << QStringLiteral("dozen") << true
            << QStringLiteral("Suguna Farm Eggs 12 pcs") << 2.0;
        QTest::newRow("gram size")
            << QStringLiteral("amul butter 500g please") << 0 << 500.0 << QStringLiteral("g")
            << true << QStringLiteral("Amul Butter 500 g") << 1.0;
        QTest::newRow("milk: many milks, ask")
            << QStringLiteral("2 doodh") << 0 << 2.0 << QString() << false << QString() << 2.0;
        QTest::newRow("misspelt") << QStringLiteral("2 monacco") << 0 << 2.0 << QString() << true
                                  << QStringLiteral("Parle Monaco 200 g") << 2.0;
        QTest::newRow("english, cases")
            << QStringLiteral("send 3 cs Parle-G and 1 ctn coke") << 1 << 1.0
            << QStringLiteral("carton") << false << QString() << 1.0;
    }
    void demoStore()
    {
        QFETCH(QString, message);
        QFETCH(int, item);
        QFETCH(double, quantity);
        QFETCH(QString, unit);
        QFETCH(bool, accepted);
        QFETCH(QString, product);
        QFETCH(double, packs);
        const auto matches = demo().matchOrder(message);
        QVERIFY(item < matches.size());
        const auto &m = matches.at(item);
        QCOMPARE(m.item.quantity, quantity);
        QCOMPARE(m.item.unit, unit);
        QVERIFY2(
            m.accepted() == accepted,
            qPrintable(QStringLiteral("%1 %2").arg(describe(demo(), m.best())).arg(m.confidence)));
        if (accepted) {
            QCOMPARE(describe(demo(), m.best()), product);
            QVERIFY(m.confidence >= ProductMatcher::kAccept);
        } else {
            QVERIFY(m.confidence < ProductMatcher::kAccept);
            QVERIFY2(m.candidates.size() >= 2, "a question names at least two candidates");
        }
        QCOMPARE(demo().packs(m), packs);
    }

    void askingNamesTheLikelyProducts()
    {
        const auto m = demo().matchOrder(QStringLiteral("2 milk")).first();
        QVERIFY(!m.accepted());
        for (const auto &c : m.candidates.mid(0, 4))
            QVERIFY2(demo().product(c.index).name.contains(QLatin1String("Milk")),
                     qPrintable(describe(demo(), c.index)));
    }

    void substitutes()
    {
        // A butter that is out of stock: another butter first, same brand preferred.
        QList<Product> products = demoProducts();
        int butter = -1;
        for (int i = 0; i < products.size(); ++i) {
            if (products[i].name == QLatin1String("Butter") &&
                products[i].unit == QLatin1String("100 g"))
                butter = i;
        }
        QVERIFY(butter >= 0);
        products[butter].stock = 0;
        const ProductMatcher matcher(products);
        const QList<int> subs = matcher.substitutes(butter);
        QVERIFY(!subs.isEmpty());
        const Product &first = matcher.product(subs.first());
        QVERIFY2(first.name.contains(QLatin1String("Butter")), qPrintable(first.name));
        QCOMPARE(first.category, products[butter].category);
        for (int i : subs)
            QVERIFY(!matcher.product(i).outOfStock());
    }

    void bigBasket_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("brand");
        QTest::addColumn<QString>("nameWord");
        QTest::newRow("brand and product")
            << QStringLiteral("1 kg aashirvaad atta") << QStringLiteral("Aashirvaad")
            << QStringLiteral("Atta");
        QTest::newRow("hyphenated name") << QStringLiteral("send 3 cs Parle-G")
                                         << QStringLiteral("Parle") << QStringLiteral("Parle-G");
        QTest::newRow("hindi word")
            << QStringLiteral("ek kilo cheeni") << QString() << QStringLiteral("Sugar");
        QTest::newRow("hindi eggs")
            << QStringLiteral("2 dozen ande") << QString() << QStringLiteral("Egg");
        QTest::newRow("brand butter") << QStringLiteral("do packet amul butter")
                                      << QStringLiteral("Amul") << QStringLiteral("Butter");
        QTest::newRow("oil") << QStringLiteral("1 fortune sunflower oil")
                             << QStringLiteral("Fortune") << QStringLiteral("Sunflower");
        QTest::newRow("typo") << QStringLiteral("2 colgate tooth paste")
                              << QStringLiteral("Colgate") << QString();
    }
    void bigBasket()
    {
        QFETCH(QString, message);
        QFETCH(QString, brand);
        QFETCH(QString, nameWord);
        const auto matches = bigBasketMatcher().matchOrder(message);
        QCOMPARE(matches.size(), 1);
        const int best = matches.first().best();
        QVERIFY2(best >= 0, "no candidate");
        const Product &p = bigBasketMatcher().product(best);
        if (!brand.isEmpty())
            QVERIFY2(p.brand.trimmed().compare(brand, Qt::CaseInsensitive) == 0,
                     qPrintable(describe(bigBasketMatcher(), best)));
        if (!nameWord.isEmpty())
            QVERIFY2(p.name.contains(nameWord, Qt::CaseInsensitive),
                     qPrintable(describe(bigBasketMatcher(), best)));
    }

    void bigBasketGenericWordsAsk()
    {
        for (const QString &message :
             {QStringLiteral("2 milk"), QStringLiteral("1 bread"), QStringLiteral("3 maggi")}) {
            const auto m = bigBasketMatcher().matchOrder(message).first();
            QVERIFY2(!m.accepted(), qPrintable(message + QStringLiteral(": ") +
                                               describe(bigBasketMatcher(), m.best())));
            QVERIFY(m.candidates.size() >= 2);
        }
    }

    void csvColumnsAndBadRows()
    {
        auto parsed =
            ProductCsv::parse(QByteArray("\xEF\xBB\xBFItem Name,Brand,MRP,Qty,Hindi Name\n"
                                         "Toned Milk 1 L,Amul,56,10,doodh\n"
                                         "Sugar 1 kg,Madhur,\"\xE2\x82\xB9"
                                         "1,052.50\",5,cheeni|shakkar\n"
                                         "Broken,,abc,1,\n"
                                         ",,,,\n"
                                         "No stock,X,10,-2,\n"));
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->products.size(), 2);
        QCOMPARE(parsed->products.at(1).priceMinor, 105250);
        QCOMPARE(parsed->products.at(1).aliases,
                 (QStringList{QStringLiteral("cheeni"), QStringLiteral("shakkar")}));
        QCOMPARE(parsed->products.at(0).stock, 10.0);
        QCOMPARE(parsed->errors.size(), 2);
        QCOMPARE(parsed->errors.at(0).row, 4);
        QVERIFY(parsed->errors.at(0).message.contains(QLatin1String("\"abc\" is not a price")));
        QCOMPARE(parsed->errors.at(1).row, 6);
        QVERIFY(!parsed->products.at(0).sku.isEmpty());

        auto noPrice = ProductCsv::parse("name,brand\nMilk,Amul\n");
        QVERIFY(!noPrice);
        QVERIFY(noPrice.error().contains(QLatin1String("name,")) ||
                noPrice.error().contains(QLatin1String("name, brand")));
    }

    void bigBasketCatalogReads()
    {
        QCOMPARE(bigBasketMatcher().products().size(),
                 27555 - 1); // one row in the file has no price
    }
};

QTEST_GUILESS_MAIN(TestProductMatcher)
#include "tst_product_matcher.moc"
