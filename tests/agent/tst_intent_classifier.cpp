#include "agent/IntentEvaluation.h"
#include "agent/MessageNormalizer.h"
#include "agent/ShopIntents.h"

#include <QtTest>

#include <random>

using namespace shopdesk;

// The intent classifier: the shipped shop examples, out-of-scope detection, saved models, the
// example files, and accuracy on held-out sentences and on the public HWU64 set.
class TestIntentClassifier : public QObject
{
    Q_OBJECT

    static IntentClassifier shopModel()
    {
        auto examples = ShopIntents::shippedExamples();
        if (!examples)
            qFatal("%s", qPrintable(examples.error()));
        auto model = IntentClassifier::train(examples.value());
        if (!model)
            qFatal("%s", qPrintable(model.error()));
        return model.value();
    }

private Q_SLOTS:
    void normalizesChatSpellings()
    {
        QCOMPARE(
            MessageNormalizer::normalize(QStringLiteral("Plz send 2.5 KG Parle-G!! nhi h kya?")),
            QStringLiteral("please send 2.5 kg parle-g nahi hai kya"));
        QVERIFY(
            MessageNormalizer::normalize(QStringLiteral("दूध है")).startsWith(QLatin1String("dudh")));
        QVERIFY(MessageNormalizer::looksHinglish(QStringLiteral("milk hai kya")));
        QVERIFY(MessageNormalizer::looksHinglish(QStringLiteral("दूध है?")));
        QVERIFY(!MessageNormalizer::looksHinglish(QStringLiteral("do you have milk")));
        QVERIFY(
            !MessageNormalizer::looksHinglish(QStringLiteral("what time do you open on sunday")));
    }

    void shopIntents_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("intent");
        // Sentences not among the shipped examples.
        QTest::newRow("order hinglish")
            << QStringLiteral("3 maggi aur 2 bread bhej do") << ShopIntents::PlaceOrder;
        QTest::newRow("order english")
            << QStringLiteral("please send 2 kg atta and 1 butter") << ShopIntents::PlaceOrder;
        QTest::newRow("hours") << QStringLiteral("dukan kitne baje khulti hai")
                               << ShopIntents::StoreHours;
        QTest::newRow("hours typo")
            << QStringLiteral("wat r ur timings on sunday") << ShopIntents::StoreHours;
        QTest::newRow("price") << QStringLiteral("butter kitne ka hai") << ShopIntents::Price;
        QTest::newRow("cancel") << QStringLiteral("please cancel my order now")
                                << ShopIntents::CancelOrder;
        QTest::newRow("status") << QStringLiteral("mera order abhi tak nahi aaya kab aayega")
                                << ShopIntents::OrderStatus;
        QTest::newRow("balance") << QStringLiteral("mera kitna udhaar baki hai")
                                 << ShopIntents::PaymentBalance;
        QTest::newRow("human") << QStringLiteral("I want to speak to a real person")
                               << ShopIntents::Human;
        QTest::newRow("complaint")
            << QStringLiteral("the curd you sent was spoiled") << ShopIntents::Complaint;
        QTest::newRow("thanks") << QStringLiteral("thank you so much bhaiya")
                                << ShopIntents::Thanks;
        QTest::newRow("weather") << QStringLiteral("what will the weather be like tomorrow")
                                 << ShopIntents::OutOfScope;
        QTest::newRow("devanagari hours")
            << QStringLiteral("दुकान कब खुलती है") << ShopIntents::StoreHours;
    }
    void shopIntents()
    {
        static const IntentClassifier model = shopModel();
        QFETCH(QString, text);
        QFETCH(QString, intent);
        const auto p = model.classify(text);
        QVERIFY2(p.label == intent,
                 qPrintable(QStringLiteral("%1 -> %2 (%3)").arg(text, p.label).arg(p.probability)));
        QCOMPARE(p.ranking.size(), 3);
        QVERIFY(p.ranking.at(0).second >= p.ranking.at(1).second);
    }

    void lowProbabilityIsOutOfScope()
    {
        IntentClassifier model = shopModel();
        const QString text = QStringLiteral("milk");
        const auto before = model.classify(text);
        QVERIFY(!before.outOfScope);
        model.setThreshold(0.99);
        const auto after = model.classify(text);
        QVERIFY(after.outOfScope);
        QCOMPARE(after.label, ShopIntents::OutOfScope);
        QCOMPARE(after.bestInScope, before.label); // the trace still shows the best guess
    }

    void savedModelClassifiesTheSame()
    {
        const IntentClassifier model = shopModel();
        auto loaded = IntentClassifier::load(model.save());
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->labels(), model.labels());
        for (const QString &text :
             {QStringLiteral("2 milk aur 1 bread"), QStringLiteral("hello ji"),
              QStringLiteral("where is my order")}) {
            const auto a = model.classify(text);
            const auto b = loaded->classify(text);
            QCOMPARE(b.label, a.label);
            QVERIFY(qAbs(b.probability - a.probability) < 1e-6);
        }
        auto broken =
            IntentClassifier::load("{\"format\":\"shopdesk-intents-1\",\"labels\":[\"a\"]}");
        QVERIFY(!broken);
        QVERIFY(broken.error().contains(QLatin1String("cannot be read")));
        QVERIFY(!IntentClassifier::load("not json"));
    }

    void needsTwoIntents()
    {
        auto model =
            IntentClassifier::train({{QStringLiteral("hi"), QStringLiteral("greeting")},
                                     {QStringLiteral("hello"), QStringLiteral("greeting")}});
        QVERIFY(!model);
        QVERIFY(model.error().contains(QLatin1String("two intents")));
    }

    void badExampleRowsAreNamed()
    {
        auto ok = IntentEvaluation::parseCsv("text,label\nhi,greeting\n\"a, b\",other\n");
        QVERIFY2(ok, qPrintable(ok.error()));
        QCOMPARE(ok->size(), 2);
        QCOMPARE(ok->at(1).text, QStringLiteral("a, b"));
        auto bad = IntentEvaluation::parseCsv("text,label\nhi,greeting\nno label here\n");
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QLatin1String("Row 3")), qPrintable(bad.error()));
        QVERIFY(!IntentEvaluation::parseCsv("text,label\n"));
    }

    // Five-fold cross-validation over the shipped examples: sentences the model never saw.
    void heldOutShopAccuracy()
    {
        IntentExamples all = ShopIntents::shippedExamples().value();
        std::mt19937 random(7);
        std::shuffle(all.begin(), all.end(), random);
        double correct = 0;
        for (int fold = 0; fold < 5; ++fold) {
            IntentExamples train, test;
            for (qsizetype i = 0; i < all.size(); ++i)
                (i % 5 == fold ? test : train).append(all.at(i));
            IntentClassifier::Options options;
            auto report = IntentEvaluation::run(train, test, options);
            QVERIFY2(report, qPrintable(report.error()));
            correct += report->accuracy * report->testExamples;
        }
        const double accuracy = correct / double(all.size());
        qInfo("shop intents, 5-fold accuracy %.3f", accuracy);
        QVERIFY2(accuracy >= 0.70, qPrintable(QString::number(accuracy)));
    }

    // The public HWU64 set (64 intents): a TF-IDF + logistic regression reference scores about
    // 0.875.
    void hwu64()
    {
        const QString dir =
            qEnvironmentVariable("SHOPDESK_SHARED_DIR") + QStringLiteral("/data/hwu64/");
        auto train = IntentEvaluation::readCsv(dir + QStringLiteral("train.csv"));
        auto test = IntentEvaluation::readCsv(dir + QStringLiteral("test.csv"));
        QVERIFY2(train && test, qPrintable(train.error() + test.error()));
        IntentClassifier::Options options;
        options.outOfScopeLabel.clear();
        auto report = IntentEvaluation::run(train.value(), test.value(), options);
        QVERIFY2(report, qPrintable(report.error()));
        qInfo("HWU64: accuracy %.4f, %d features, trained in %.1f s, p50 %.3f ms", report->accuracy,
              report->features, report->trainSeconds, report->classifyP50Ms);
        QCOMPARE(report->intents, 64);
        QCOMPARE(report->testExamples, 1076);
        QVERIFY2(report->accuracy >= 0.86, qPrintable(QString::number(report->accuracy)));
    }
};

QTEST_GUILESS_MAIN(TestIntentClassifier)
#include "tst_intent_classifier.moc"
