#include "agent/PaymentPromise.h"

#include <QtTest>

using namespace shopdesk;

// Promises to pay, in English and Hinglish, and the day they name; messages that name a day but
// promise nothing (or talk about the past) are not promises.
class PaymentPromiseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promises_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("days"); // -1: no promise
        // Tuesday, 1 December 2026.
        const auto row = [](const char *name, const QString &message, int days) {
            QTest::newRow(name) << message << days;
        };
        row("kal, Hinglish", QStringLiteral("main kal payment kar dunga"), 1);
        row("tomorrow", QStringLiteral("I will pay you tomorrow"), 1);
        row("parso", QStringLiteral("parso tak paise bhej dunga"), 2);
        row("next week", QStringLiteral("i will pay next week"), 7);
        row("agle hafte", QStringLiteral("agle hafte hisaab clear kar denge"), 7);
        row("friday", QStringLiteral("friday ko paise de dungi"), 3);
        row("monday, next one", QStringLiteral("will clear my dues on monday"), 6);
        row("in 3 days", QStringLiteral("I will pay in 3 days"), 3);
        row("5 din", QStringLiteral("5 din mein payment kar dunga"), 5);
        row("1st of next month", QStringLiteral("i will pay on the 1st"), 31);
        row("10 tarikh", QStringLiteral("10 tarikh ko payment kar denge"), 9);
        row("month end", QStringLiteral("month end tak hisaab clear kar dunga"), 30);
        row("Devanagari", QStringLiteral("मैं कल पेमेंट कर दूंगा"), 1);
        row("past, not a promise", QStringLiteral("maine kal payment kiya tha"), -1);
        row("question, not a promise", QStringLiteral("how much do I owe"), -1);
        row("no day", QStringLiteral("I will pay soon"), -1);
        row("an order for tomorrow", QStringLiteral("kal 2 milk bhejna"), -1);
    }
    void promises()
    {
        QFETCH(QString, message);
        QFETCH(int, days);
        const auto promise = PaymentPromise::find(message, QDate(2026, 12, 1));
        if (days < 0) {
            QVERIFY2(!promise, qPrintable(promise ? promise->when : QString()));
            return;
        }
        QVERIFY(promise);
        QCOMPARE(promise->inDays, days);
    }
};

QTEST_GUILESS_MAIN(PaymentPromiseTest)
#include "tst_payment_promise.moc"
