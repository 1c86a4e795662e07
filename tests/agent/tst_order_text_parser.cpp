// Orders as customers type them, in English and Hinglish: quantities in digits and words, units,
// several items per message, and the words around them that are not products.
#include "agent/OrderTextParser.h"

#include <QTest>

using namespace shopdesk;

class TestOrderTextParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messages_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected"); // "quantity unit text" per item, joined by " | "
        QTest::newRow("digits, aur")
            << QStringLiteral("2 milk aur 1 bread") << QStringLiteral("2 - milk | 1 - bread");
        QTest::newRow("cases and cartons") << QStringLiteral("send 3 cs Parle-G and 1 ctn coke")
                                           << QStringLiteral("3 case Parle-G | 1 carton coke");
        QTest::newRow("hindi words and units") << QStringLiteral("do kilo aata, aadha kilo cheeni")
                                               << QStringLiteral("2 kg aata | 0.5 kg cheeni");
        QTest::newRow("glued unit") << QStringLiteral("500g paneer + 2L doodh")
                                    << QStringLiteral("500 g paneer | 2 l doodh");
        QTest::newRow("dozen") << QStringLiteral("2 dozen eggs and a dozen bananas")
                               << QStringLiteral("2 dozen eggs | 1 dozen bananas");
        QTest::newRow("quantity after the product")
            << QStringLiteral("Amul butter 100 g") << QStringLiteral("100 g Amul butter");
        QTest::newRow("bhej do is a verb")
            << QStringLiteral("bhej do 2 kg aata please") << QStringLiteral("2 kg aata");
        QTest::newRow("teen, dedh, dhai")
            << QStringLiteral("teen packet maggi, dedh kg aloo aur dhai litre tel")
            << QStringLiteral("3 pack maggi | 1.5 kg aloo | 2.5 l tel");
        QTest::newRow("no quantity")
            << QStringLiteral("bread chahiye") << QStringLiteral("1? - bread");
        QTest::newRow("new lines") << QStringLiteral("1 Tata salt\n4 pcs Lux soap")
                                   << QStringLiteral("1 - Tata salt | 4 pcs Lux soap");
        QTest::newRow("do you have")
            << QStringLiteral("do you have milk?") << QStringLiteral("1? - you have milk");
    }
    void messages()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QStringList got;
        for (const auto &item : OrderTextParser::parse(message))
            got << QStringLiteral("%1%2 %3 %4")
                       .arg(item.quantity)
                       .arg(item.quantityGiven ? QString() : QStringLiteral("?"))
                       .arg(item.unit.isEmpty() ? QStringLiteral("-") : item.unit, item.text);
        QCOMPARE(got.join(QStringLiteral(" | ")), expected);
    }

    void wordsAndUnits()
    {
        QCOMPARE(OrderTextParser::quantityWord(QStringLiteral("Teen")), 3.0);
        QCOMPARE(OrderTextParser::quantityWord(QStringLiteral("1,5")), 1.5);
        QCOMPARE(OrderTextParser::quantityWord(QStringLiteral("½")), 0.5);
        QVERIFY(OrderTextParser::quantityWord(QStringLiteral("milk")) < 0);
        QVERIFY(OrderTextParser::quantityWord(QStringLiteral("-2")) < 0);
        QCOMPARE(OrderTextParser::unitWord(QStringLiteral("KGS")), QStringLiteral("kg"));
        QCOMPARE(OrderTextParser::unitWord(QStringLiteral("ctn")), QStringLiteral("carton"));
        QVERIFY(OrderTextParser::unitWord(QStringLiteral("bread")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOrderTextParser)
#include "tst_order_text_parser.moc"
