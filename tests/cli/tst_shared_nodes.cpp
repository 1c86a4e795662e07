// Two `shopdesk-cli serve` nodes, the bot on, on one PostgreSQL database, with a provider's
// deliveries spread over both as a load balancer would, some delivered to both at once: every
// customer message is stored once and answered once.
#include "FakeProviderServer.h"
#include "ServeNode.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "WebhookBurst.h"
#include "storage/SqlBackend.h"
#include "storage/Store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;
using namespace shopdesk::test;

class SharedNodesTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void everyMessageOnceAcrossTwoNodes()
    {
        if (!TestDatabases::postgresWanted())
            QSKIP("Shared mode is PostgreSQL's: run with SHOPDESK_TEST_BACKEND=postgresql.");
        TestDatabases dbs;
        const QString url = dbs.fresh().toString();
        QVERIFY(!url.isEmpty());
        FakeProviderServer api(FakeProviderServer::Provider::Meta);
        QVERIFY(api.start() > 0);

        ServeNode a(QStringLiteral(SHOPDESK_CLI_PATH), url, m_home.filePath(QStringLiteral("a")));
        ServeNode b(QStringLiteral(SHOPDESK_CLI_PATH), url, m_home.filePath(QStringLiteral("b")));
        QVERIFY(a.addStoreWithMetaChannel(QStringLiteral("shop"), api.baseUrl()) > 0);
        auto opened = Store::open(DatabaseUrl::parse(url).value());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        std::unique_ptr<Store> store = std::move(opened).value();
        SD_TAKE(tenant, store->tenants().tenantBySlug(QStringLiteral("shop")));
        SD_TAKE(channels, store->channels().channels(tenant.id));
        const Channel channel = channels.first();

        QVERIFY(a.start() > 0);
        QVERIFY(b.start() > 0);
        const int ports[2] = {a.port(), b.port()};

        // 400 messages from 40 customers, alternating nodes; every 5th to both at once.
        constexpr int kMessages = 400;
        constexpr int kCustomers = 40;
        WebhookBurst burst;
        const auto post = [&](int n, int port) {
            burst.post(channel, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                       QStringLiteral("shared"), n, kCustomers);
        };
        for (int n = 0; n < kMessages; ++n) {
            post(n, ports[n % 2]);
            if (n % 5 == 0)
                post(n, ports[(n + 1) % 2]);
        }
        QVERIFY(burst.waitForAnswers(60000));
        QCOMPARE(burst.acknowledged(), burst.posted());

        // Both nodes finish: every event processed, every customer message has had its turn.
        const auto count = [&](const QString &sql) {
            const SqlRows rows = store->backend().query(sql, {tenant.id});
            return rows.isEmpty() ? -1 : rows.first()[0].toInt();
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                return count(QStringLiteral("SELECT COUNT(*) FROM inbound_events WHERE tenant_id "
                                            "= ? AND processed_at IS NULL")) == 0 &&
                       count(QStringLiteral("SELECT COUNT(DISTINCT message_id) FROM "
                                            "execution_traces WHERE tenant_id = ?")) >= kMessages;
            },
            120000));

        // Stored once...
        const SqlRows stored = store->backend().query(
            QStringLiteral("SELECT provider_message_id, COUNT(*) FROM messages WHERE tenant_id = ? "
                           "AND direction = 'in' GROUP BY provider_message_id"),
            {tenant.id});
        QCOMPARE(stored.size(), kMessages);
        for (const SqlRow &r : stored)
            QVERIFY2(r[1].toInt() == 1,
                     qPrintable(r[0].toString() + QStringLiteral(" stored twice")));
        // ...and answered once: one bot turn per customer message.
        const SqlRows turns = store->backend().query(
            QStringLiteral("SELECT message_id, COUNT(*) FROM execution_traces WHERE tenant_id = ? "
                           "GROUP BY message_id HAVING COUNT(*) > 1"),
            {tenant.id});
        QVERIFY2(turns.isEmpty(),
                 qPrintable(QStringLiteral("%1 messages had two bot turns").arg(turns.size())));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE tenant_id = ?")),
                 kMessages);
        QVERIFY(a.stop());
        QVERIFY(b.stop());
    }

    // A receive-only node (--no-agent) takes every delivery; the node with the bot on answers
    // them all, once (the receive-only node leaves young messages to it).
    void aReceiveOnlyNodeLeavesMessagesToTheBot()
    {
        if (!TestDatabases::postgresWanted())
            QSKIP("Shared mode is PostgreSQL's: run with SHOPDESK_TEST_BACKEND=postgresql.");
        TestDatabases dbs;
        const QString url = dbs.fresh().toString();
        QVERIFY(!url.isEmpty());
        FakeProviderServer api(FakeProviderServer::Provider::Meta);
        QVERIFY(api.start() > 0);
        ServeNode receiver(QStringLiteral(SHOPDESK_CLI_PATH), url,
                           m_home.filePath(QStringLiteral("r")));
        ServeNode bot(QStringLiteral(SHOPDESK_CLI_PATH), url, m_home.filePath(QStringLiteral("s")));
        QVERIFY(receiver.addStoreWithMetaChannel(QStringLiteral("shop"), api.baseUrl()) > 0);
        auto opened = Store::open(DatabaseUrl::parse(url).value());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        std::unique_ptr<Store> store = std::move(opened).value();
        SD_TAKE(tenant, store->tenants().tenantBySlug(QStringLiteral("shop")));
        SD_TAKE(channels, store->channels().channels(tenant.id));
        QVERIFY(receiver.start({QStringLiteral("--no-agent")}) > 0);
        QVERIFY(bot.start() > 0);

        constexpr int kMessages = 100;
        WebhookBurst burst;
        for (int n = 0; n < kMessages; ++n)
            burst.post(channels.first(),
                       QUrl(QStringLiteral("http://127.0.0.1:%1").arg(receiver.port())),
                       QStringLiteral("receive-only"), n, 10);
        QVERIFY(burst.waitForAnswers(60000));
        QCOMPARE(burst.acknowledged(), kMessages);
        const auto count = [&](const QString &sql) {
            const SqlRows rows = store->backend().query(sql, {tenant.id});
            return rows.isEmpty() ? -1 : rows.first()[0].toInt();
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                return count(QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE "
                                            "tenant_id = ?")) >= kMessages;
            },
            60000));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT message_id) FROM execution_traces "
                                      "WHERE tenant_id = ?")),
                 kMessages);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND "
                                      "direction = 'in'")),
                 kMessages);
    }
};

QTEST_GUILESS_MAIN(SharedNodesTest)
#include "tst_shared_nodes.moc"
