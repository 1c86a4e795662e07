#include "agent/ModelToolSchemas.h"
#include "agent/ReplyGrounding.h"
#include "ai/CircuitBreaker.h"
#include "catalog/ProductMatcher.h"

#include <QtTest>

using namespace shopdesk;
using namespace std::chrono_literals;

// The pieces around the language model that need no server: the circuit breaker (on a clock the
// test moves), the tools' schemas and the checking of a model's arguments, and the grounding
// check of its replies.
class ModelToolsTest : public QObject
{
    Q_OBJECT

    static Product product(qint64 id, const char *brand, const char *name, const char *unit,
                           qint64 price, const char *category = "Dairy")
    {
        Product p;
        p.id = id;
        p.brand = QString::fromLatin1(brand);
        p.name = QString::fromLatin1(name);
        p.unit = QString::fromLatin1(unit);
        p.priceMinor = price;
        p.category = QString::fromLatin1(category);
        p.stock = 10;
        return p;
    }

private Q_SLOTS:
    void breakerOpensAfterThreeFailuresInARow()
    {
        CircuitBreaker b({3, 10000ms, 60000ms});
        const auto t0 = CircuitBreaker::Clock::now();
        b.failed(QStringLiteral("refused"), false, t0);
        b.failed(QStringLiteral("refused"), false, t0);
        QVERIFY(b.allows(t0));
        b.succeeded(200ms, t0); // a success in between starts the count again
        b.failed(QStringLiteral("refused"), false, t0);
        b.failed(QStringLiteral("refused"), false, t0);
        QVERIFY(b.allows(t0));
        b.failed(QStringLiteral("answered 500"), false, t0);
        QVERIFY(!b.allows(t0));
        QVERIFY(b.reason().contains(QLatin1String("3 failures")));
        QVERIFY(b.reason().contains(QLatin1String("answered 500")));
        QCOMPARE(b.remainingMs(t0 + 59000ms), 1000);
        QVERIFY(!b.allows(t0 + 59999ms));
        QVERIFY(b.allows(t0 + 60000ms)); // cool-down over: one try
        b.failed(QStringLiteral("refused"), false, t0 + 60000ms);
        QVERIFY(!b.allows(t0 + 61000ms)); // that try failed: open again at once
        b.succeeded(100ms, t0 + 121000ms);
        QVERIFY(b.allows(t0 + 121000ms));
        QCOMPARE(b.consecutiveFailures(), 0);
    }

    void breakerOpensAtOnceOnASlowReply()
    {
        CircuitBreaker b({3, 10000ms, 30000ms});
        const auto t0 = CircuitBreaker::Clock::now();
        b.succeeded(9000ms, t0);
        QVERIFY(b.allows(t0));
        b.succeeded(10500ms, t0);
        QVERIFY(!b.allows(t0));
        QVERIFY2(b.reason().contains(QLatin1String("10.5 s")), qPrintable(b.reason()));
        CircuitBreaker timedOut({3, 10000ms, 30000ms});
        timedOut.failed(QStringLiteral("did not answer within 10 s"), true, t0);
        QVERIFY(!timedOut.allows(t0 + 29000ms));
        QVERIFY(timedOut.allows(t0 + 30000ms));
    }

    void schemasDescribeEveryTool()
    {
        const QStringList names = ModelToolSchemas::names();
        for (const char *n :
             {"search_inventory", "check_stock", "suggest_substitute", "add_to_cart",
              "order_status", "customer_balance", "schedule_reminder", "business_info",
              "answer_from_knowledge", "escalate_to_human"})
            QVERIFY2(names.contains(QString::fromLatin1(n)), n);
        for (const QJsonValue &t : ModelToolSchemas::tools()) {
            QCOMPARE(t[QStringLiteral("type")].toString(), QStringLiteral("function"));
            const QJsonObject p =
                t[QStringLiteral("function")][QStringLiteral("parameters")].toObject();
            QCOMPARE(p.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
            QVERIFY(
                !t[QStringLiteral("function")][QStringLiteral("description")].toString().isEmpty());
        }
    }

    void argumentsAreChecked_data()
    {
        QTest::addColumn<QByteArray>("tool");
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArray>("problem"); // empty: accepted
        QTest::newRow("good search")
            << QByteArray("search_inventory") << QByteArray(R"({"query":"milk","limit":3})")
            << QByteArray("");
        QTest::newRow("no arguments needed")
            << QByteArray("order_status") << QByteArray("") << QByteArray("");
        QTest::newRow("empty object")
            << QByteArray("customer_balance") << QByteArray("{}") << QByteArray("");
        QTest::newRow("unknown tool")
            << QByteArray("delete_store") << QByteArray("{}") << QByteArray("no tool called");
        QTest::newRow("not JSON") << QByteArray("check_stock") << QByteArray("{product_id: 3")
                                  << QByteArray("not a JSON object");
        QTest::newRow("JSON array")
            << QByteArray("check_stock") << QByteArray("[3]") << QByteArray("not a JSON object");
        QTest::newRow("missing") << QByteArray("check_stock") << QByteArray("{}")
                                 << QByteArray("product_id is required");
        QTest::newRow("string for integer")
            << QByteArray("check_stock") << QByteArray(R"({"product_id":"3"})")
            << QByteArray("whole number");
        QTest::newRow("fraction for integer")
            << QByteArray("check_stock") << QByteArray(R"({"product_id":2.5})")
            << QByteArray("whole number");
        QTest::newRow("out of range")
            << QByteArray("search_inventory") << QByteArray(R"({"query":"x","limit":50})")
            << QByteArray("between 1 and 10");
        QTest::newRow("negative quantity")
            << QByteArray("add_to_cart") << QByteArray(R"({"product_id":3,"quantity":-2})")
            << QByteArray("between");
        QTest::newRow("not in enum")
            << QByteArray("business_info") << QByteArray(R"({"topic":"weather"})")
            << QByteArray("one of");
        QTest::newRow("empty string") << QByteArray("search_inventory")
                                      << QByteArray(R"({"query":"  "})") << QByteArray("not empty");
        QTest::newRow("extra field") << QByteArray("order_status") << QByteArray(R"({"order":5})")
                                     << QByteArray("no argument called order");
    }
    void argumentsAreChecked()
    {
        QFETCH(QByteArray, tool);
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArray, problem);
        const auto checked =
            ModelToolSchemas::validate(QString::fromUtf8(tool), QString::fromUtf8(arguments));
        if (problem.isEmpty()) {
            QVERIFY2(checked, qPrintable(checked.error()));
        } else {
            QVERIFY(!checked);
            QVERIFY2(checked.error().contains(QString::fromUtf8(problem)),
                     qPrintable(checked.error()));
        }
    }

    void argumentsMayComeAsAnObject()
    {
        const auto checked = ModelToolSchemas::validate(
            QStringLiteral("add_to_cart"),
            QJsonObject{{QStringLiteral("product_id"), 7}, {QStringLiteral("quantity"), 1.5}});
        QVERIFY(checked);
        QCOMPARE(checked->value(QStringLiteral("quantity")).toDouble(), 1.5);
    }

    void numbersAreNormalized()
    {
        QCOMPARE(
            ReplyGrounding::numbers(QStringLiteral("₹1,250.00 for 2 packs, open 9:00 to 21:30")),
            (QStringList{QStringLiteral("1250"), QStringLiteral("2"), QStringLiteral("9"),
                         QStringLiteral("21"), QStringLiteral("30")}));
    }

    void groundedRepliesOnly_data()
    {
        QTest::addColumn<QByteArray>("replyText");
        QTest::addColumn<bool>("withEvidence");
        QTest::addColumn<bool>("smallTalk");
        QTest::addColumn<bool>("grounded");
        QTest::newRow("facts from the tool")
            << QByteArray("Amul Butter 100 g is ₹58.") << true << false << true;
        QTest::newRow("a price the tool did not give")
            << QByteArray("Amul Butter 100 g is ₹49.") << true << false << false;
        QTest::newRow("a product the tool did not give")
            << QByteArray("We also have Britannia Rusk.") << true << false << false;
        QTest::newRow("the customer's own number")
            << QByteArray("Sure, 3 packs of Amul Butter.") << true << false << true;
        QTest::newRow("no lookup for a shop question")
            << QByteArray("Yes we have butter.") << false << false << false;
        QTest::newRow("small talk needs none")
            << QByteArray("Hello! How can I help you today?") << false << true << true;
        QTest::newRow("empty") << QByteArray("") << true << false << false;
    }
    void groundedRepliesOnly()
    {
        QFETCH(QByteArray, replyText);
        const QString reply = QString::fromUtf8(replyText);
        QFETCH(bool, withEvidence);
        QFETCH(bool, smallTalk);
        QFETCH(bool, grounded);
        QList<Product> products{product(1, "Amul", "Butter", "100 g", 5800),
                                product(2, "Amul", "Butter", "500 g", 27500),
                                product(3, "Britannia", "Rusk", "300 g", 5500, "Bakery")};
        for (int i = 0; i < 40; ++i)
            products << product(10 + i, "Loose", "Dal", "1 kg", 10000 + i, "Staples");
        const ProductMatcher matcher(products);
        const QStringList evidence =
            withEvidence
                ? QStringList{QStringLiteral(
                      R"({"products":[{"product_id":1,"name":"Butter","brand":"Amul","unit":"100 g","price":"₹58"}]})")}
                : QStringList{};
        const auto verdict = ReplyGrounding::check(
            reply, evidence, QStringLiteral("3 amul butter please"), matcher, smallTalk);
        QVERIFY2(verdict.grounded == grounded, qPrintable(verdict.problem));
        if (!grounded)
            QVERIFY(!verdict.problem.isEmpty());
    }
};

QTEST_GUILESS_MAIN(ModelToolsTest)
#include "tst_model_tools.moc"
