#include "EngineHarness.h"
#include "TestSupport.h"
#include "conversation/ConversationService.h"
#include "storage/ChangeFeed.h"
#include "storage/PostgresBackend.h"
#include "storage/SqlSupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// Two engines (a console and a node, say) on one PostgreSQL database hear each other's
// committed changes through LISTEN/NOTIFY: a new store, a customer's message, a takeover,
// settings. A rolled-back change is never heard. Waits on the signals, never on a clock.
class LiveUpdatesTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> a;
    std::unique_ptr<EngineHarness> b;
    qint64 tenant = 0;
    qint64 priya = 0;

    static Message customerText(qint64 conversationId, const QString &body)
    {
        Message m;
        m.conversationId = conversationId;
        m.author = Author::Customer;
        m.direction = Direction::Inbound;
        m.body = body;
        return m;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestDatabases::postgresWanted())
            QSKIP("Live updates across consoles are PostgreSQL's (SQLite has one console).");
        a = std::make_unique<EngineHarness>();
        QVERIFY(a->start());
        Engine::Options shared;
        shared.database = a->database();
        b = std::make_unique<EngineHarness>(shared);
        QVERIFY(b->start());
        QTRY_VERIFY_WITH_TIMEOUT(a->store().hearsOtherNodes(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(b->store().hearsOtherNodes(), 10000);
    }

    void aNewStoreIsHeard()
    {
        QSignalSpy heard(&b->store(), &StoreWorker::tenantsChanged);
        tenant = a->addTenant(QStringLiteral("live"));
        QVERIFY(tenant > 0);
        QVERIFY(heard.wait(10000));
        auto op = a->run([&](Store &s) {
            Operator o;
            o.name = QStringLiteral("Priya");
            return s.operators().add(tenant, o);
        });
        QVERIFY(op);
        priya = op->id;
    }

    void aCustomersMessageAndATakeoverAreHeard()
    {
        QSignalSpy appended(&b->store(), &StoreWorker::messagesAppended);
        QSignalSpy changed(&b->store(), &StoreWorker::conversationChanged);
        auto written = a->run([&](Store &s) -> Result<Message> {
            return sql::guard([&] {
                return sql::transaction(s.backend(), [&] {
                    const Contact c = sql::need(s.conversations().upsertContact(
                        tenant, QStringLiteral("+919800000011"), QStringLiteral("Asha")));
                    const Conversation chat =
                        sql::need(s.conversations().openConversation(tenant, c.id));
                    return sql::need(s.conversations().appendMessage(
                        tenant, customerText(chat.id, QStringLiteral("is atta available?"))));
                });
            });
        });
        QVERIFY2(written, qPrintable(written.error()));
        QTRY_VERIFY_WITH_TIMEOUT(!appended.isEmpty(), 10000);
        QCOMPARE(appended.first().at(0).toLongLong(), tenant);
        const auto messages = appended.first().at(2).value<QList<Message>>();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().id, written->id);
        QCOMPARE(messages.first().body, QStringLiteral("is atta available?"));

        // A takes the chat over; B's console sees the new owner.
        changed.clear();
        auto taken = answerOf<OwnershipChange>([&](auto done) {
            a->engine().conversations().takeOver(tenant, written->conversationId, priya, this,
                                                 std::move(done));
        });
        QVERIFY2(taken, qPrintable(taken.error()));
        const auto ownedByPriya = [&] {
            for (const QList<QVariant> &signal : std::as_const(changed)) {
                const auto c = signal.at(1).value<Conversation>();
                if (c.id == written->conversationId && c.owner == OwnerKind::Human &&
                    c.ownerOperatorId == priya)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ownedByPriya(), 10000);
    }

    void aRolledBackChangeIsNeverHeard()
    {
        QSignalSpy appended(&b->store(), &StoreWorker::messagesAppended);
        QSignalSpy settings(&b->store(), &StoreWorker::settingsChanged);
        auto failed = a->run([&](Store &s) -> Result<int> {
            return sql::guard([&] {
                return sql::transaction(s.backend(), [&] {
                    sql::need(s.tenants().setSetting(tenant, QStringLiteral("store.name"),
                                                     QStringLiteral("Never")));
                    throw SqlError(QStringLiteral("a later step failed"));
                    return 0;
                });
            });
        });
        QVERIFY(!failed);
        // Then a change that commits: it is the first and only one B hears.
        SD_VERIFY_OK(a->run([&](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("store.hours"),
                                          QStringLiteral("9 to 9"));
        }));
        QVERIFY(settings.wait(10000));
        QCOMPARE(settings.size(), 1);
        auto name = b->run([&](Store &s) { return s.tenants().settings(tenant); });
        QVERIFY(name);
        QVERIFY(!name->contains(QStringLiteral("store.name")));
        QCOMPARE(appended.size(), 0);
    }

    void payloadsStayUnderTheLimitAndOwnOnesAreIgnored()
    {
        QStringList many;
        for (int i = 0; i < 2000; ++i)
            many << QStringLiteral("a:7:%1:%2").arg(i).arg(100000 + i);
        const QByteArray payload = PostgresBackend::changePayload(QStringLiteral("me"), many);
        QVERIFY(payload.size() < 8000);
        QCOMPARE(ChangeFeed::keysOf(payload, QStringLiteral("other")),
                 QStringList{QStringLiteral("*:7")});
        QVERIFY(ChangeFeed::keysOf(payload, QStringLiteral("me")).isEmpty());
        QVERIFY(ChangeFeed::keysOf("not json", QStringLiteral("x")).isEmpty());
    }

    void cleanupTestCase()
    {
        b.reset();
        a.reset();
    }
};

QTEST_GUILESS_MAIN(LiveUpdatesTest)
#include "tst_live_updates.moc"
