#include "EngineHarness.h"
#include "TestSupport.h"
#include "agent/Agent.h"
#include "agent/StoreHours.h"
#include "demo/DemoStoreLoader.h"
#include "storage/TenantStore.h"

#include <QTimeZone>

using namespace shopdesk;
using namespace shopdesk::test;

// WhatsApp Business's greeting and away messages, with the bot's clock set by the test: the
// greeting for a new customer and for one back after 14 days, the away message outside the
// hours in the store's profile (once per closed stretch, in the customer's language), both off
// unless the store turns them on; and the opening hours read as shop owners write them.
class TestGreetings : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    qint64 tenant = 0;
    Channel channel;
    QDateTime clock;
    const QTimeZone india{QByteArrayLiteral("Asia/Kolkata")};

    QDateTime at(int year, int month, int day, int hour, int minute = 0) const
    {
        return QDateTime(QDate(year, month, day), QTime(hour, minute), india).toUTC();
    }

    // What the bot sent in this customer's chat for their message: texts, oldest first.
    QStringList botSays(const QString &phone, const QString &text)
    {
        const int before = int(botMessages().size());
        const auto turn = h->sayToBot(channel.id, phone, QStringLiteral("Kiran"), text);
        if (turn.decision.isEmpty())
            return {QStringLiteral("(no turn)")};
        return botMessages().mid(before);
    }

    QStringList botMessages()
    {
        QStringList out;
        for (const Message &m : h->messages(tenant)) {
            if (m.author == Author::Bot)
                out << m.body;
        }
        return out;
    }

    void set(const QString &key, const QString &value)
    {
        auto done = h->run([&](Store &s) { return s.tenants().setSetting(tenant, key, value); });
        QVERIFY2(done, qPrintable(done.error()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        auto demo = h->run([](Store &s) { return DemoStoreLoader::load(s); });
        QVERIFY2(demo, qPrintable(demo.error()));
        tenant = demo->tenantId;
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
        h->engine().agent().setClock([this] { return clock; });
    }

    void storeHoursAsOwnersWriteThem()
    {
        // The demo store's profile.
        auto demo = StoreHours::parse(
            QStringLiteral("Monday to Saturday 7:00 am to 10:00 pm; Sunday 8:00 am to 9:00 pm"));
        QVERIFY(demo);
        const auto local = [this](int day, int hour, int minute = 0) {
            return QDateTime(QDate(2026, 12, 6 + day), QTime(hour, minute), india); // 7 Dec: Mon
        };
        QVERIFY(demo->isOpen(local(1, 10)));
        QVERIFY(!demo->isOpen(local(1, 6, 59)));
        QVERIFY(!demo->isOpen(local(1, 22)));
        QVERIFY(demo->isOpen(local(7, 8, 30)));
        QVERIFY(!demo->isOpen(local(7, 21, 30)));
        QCOMPARE(demo->nextOpening(local(1, 23)), QStringLiteral("tomorrow 7 am"));
        QCOMPARE(demo->nextOpening(local(2, 5)), QStringLiteral("7 am"));
        QCOMPARE(demo->nextOpening(local(6, 23)), QStringLiteral("tomorrow 8 am"));

        auto closedSunday = StoreHours::parse(QStringLiteral("Mon-Sat 9-21, Sun closed"));
        QVERIFY(closedSunday);
        QVERIFY(closedSunday->isOpen(local(3, 20, 30)));
        QVERIFY(!closedSunday->isOpen(local(7, 12)));
        QCOMPARE(closedSunday->nextOpening(local(6, 22)), QStringLiteral("Monday 9 am"));

        auto daily = StoreHours::parse(QStringLiteral("Open daily 08:30-22:00"));
        QVERIFY(daily);
        QVERIFY(daily->isOpen(local(7, 8, 30)));
        QCOMPARE(daily->nextOpening(local(4, 7)), QStringLiteral("8:30 am"));

        auto lateNight = StoreHours::parse(QStringLiteral("every day 6 pm to 2 am"));
        QVERIFY(lateNight);
        QVERIFY(lateNight->isOpen(local(2, 1, 30)));
        QVERIFY(!lateNight->isOpen(local(2, 3)));

        QVERIFY(!StoreHours::parse(QStringLiteral("ask at the counter")));
    }

    void bothAreOffUnlessTheStoreTurnsThemOn()
    {
        clock = at(2026, 12, 7, 23, 30); // a Monday night: closed
        const QStringList said = botSays(QStringLiteral("+919822200001"), QStringLiteral("hi"));
        QCOMPARE(said.size(), 1);
        QVERIFY2(!said.first().contains(QLatin1String("closed")), qPrintable(said.first()));
    }

    void aNewCustomerIsGreetedOnceAndAgainAfterTwoWeeks()
    {
        set(QStringLiteral("welcome.enabled"), QStringLiteral("true"));
        clock = at(2026, 12, 8, 11); // open
        const QString phone = QStringLiteral("+919822200002");
        QStringList said = botSays(phone, QStringLiteral("1 litre amul milk please"));
        QCOMPARE(said.size(), 2);
        QVERIFY2(said.first().startsWith(QLatin1String("Welcome to Sharma General Store!")),
                 qPrintable(said.first()));
        QVERIFY2(said.at(1).contains(QLatin1String("Amul")), qPrintable(said.at(1)));
        // The same customer, the same day: no greeting.
        said = botSays(phone, QStringLiteral("no"));
        QCOMPARE(said.size(), 1);
        // Back after 15 days of silence (the bot's clock moves; the last message stays).
        clock = clock.addDays(15);
        said = botSays(phone, QStringLiteral("atta ka rate kya hai"));
        QCOMPARE(said.size(), 2);
        QVERIFY2(said.first().contains(QLatin1String("swagat")), qPrintable(said.first()));
        set(QStringLiteral("welcome.enabled"), QStringLiteral("false"));
    }

    void awayMessageOncePerClosedStretchInTheirLanguage()
    {
        set(QStringLiteral("away.enabled"), QStringLiteral("true"));
        const QString phone = QStringLiteral("+919822200003");
        clock = at(2026, 12, 7, 23, 30); // Monday night
        QStringList said = botSays(phone, QStringLiteral("bhaiya 2 dozen ande bhej do"));
        QCOMPARE(said.size(), 2);
        QVERIFY2(said.first().contains(QLatin1String("abhi band hai")) &&
                     said.first().contains(QLatin1String("tomorrow 7 am")),
                 qPrintable(said.first()));
        // Ten minutes later, still closed: the customer was told already.
        clock = clock.addSecs(600);
        said = botSays(phone, QStringLiteral("aur 1 bread"));
        QCOMPARE(said.size(), 1);
        // Open the next morning: nothing about being closed.
        clock = at(2026, 12, 8, 9);
        said = botSays(phone, QStringLiteral("haan"));
        QCOMPARE(said.size(), 1);
        QVERIFY(!said.first().contains(QLatin1String("band hai")));
        // Closed again that night: told again, in English this time.
        clock = at(2026, 12, 8, 22, 15);
        said = botSays(phone, QStringLiteral("When do you open?"));
        QVERIFY2(!said.isEmpty() && said.first().contains(QLatin1String("is closed now and opens "
                                                                        "tomorrow 7 am")),
                 qPrintable(said.join(QLatin1String(" | "))));
        set(QStringLiteral("away.enabled"), QStringLiteral("false"));
    }
};

QTEST_MAIN(TestGreetings)
#include "tst_greetings.moc"
