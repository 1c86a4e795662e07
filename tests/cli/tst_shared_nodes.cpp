// Two and three `shopdesk-cli serve` nodes, the bot on, on one PostgreSQL database, with a
// provider's deliveries spread over them as a load balancer would, some delivered to two at
// once, and one node killed (kill -9) in the middle: every customer message is stored once,
// answered once, and each chat's messages are answered in order.
#include "BotTurnAudit.h"
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
    std::unique_ptr<TestDatabases> m_dbs;
    std::unique_ptr<FakeProviderServer> m_api;
    QString m_url;
    std::unique_ptr<Store> m_store;
    Tenant m_tenant;
    Channel m_channel;

    std::unique_ptr<ServeNode> node(const QString &name) const
    {
        return std::make_unique<ServeNode>(QStringLiteral(SHOPDESK_CLI_PATH), m_url,
                                           m_home.filePath(name));
    }
    // The database, the fake Meta API and the store with its channel; the first node (not
    // started), null when something failed.
    std::unique_ptr<ServeNode> setUp(const QString &name)
    {
        m_dbs = std::make_unique<TestDatabases>();
        m_url = m_dbs->fresh().toString();
        m_api = std::make_unique<FakeProviderServer>(FakeProviderServer::Provider::Meta);
        if (m_url.isEmpty() || m_api->start() <= 0)
            return nullptr;
        auto first = node(name);
        if (first->addStoreWithMetaChannel(QStringLiteral("shop"), m_api->baseUrl()) <= 0)
            return nullptr;
        auto opened = Store::open(DatabaseUrl::parse(m_url).value());
        if (!opened)
            return nullptr;
        m_store = std::move(opened).value();
        m_store->setSecretBox(first->secrets());
        auto tenant = m_store->tenants().tenantBySlug(QStringLiteral("shop"));
        auto channels = tenant ? m_store->channels().channels(tenant->id)
                               : Result<QList<Channel>>::failure(tenant);
        if (!channels || channels->isEmpty())
            return nullptr;
        m_tenant = tenant.value();
        m_channel = channels->first();
        return first;
    }
    static QUrl at(int port) { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }

private Q_SLOTS:
    void init()
    {
        if (!TestDatabases::postgresWanted())
            QSKIP("Shared mode is PostgreSQL's: run with SHOPDESK_TEST_BACKEND=postgresql.");
    }
    void cleanup()
    {
        m_store.reset();
        m_api.reset();
        m_dbs.reset();
    }

    void everyMessageOnceAcrossTwoNodes()
    {
        auto a = setUp(QStringLiteral("a"));
        QVERIFY(a);
        auto b = node(QStringLiteral("b"));
        QVERIFY(a->start() > 0);
        QVERIFY(b->start() > 0);
        const int ports[2] = {a->port(), b->port()};

        // 400 messages from 40 customers, alternating nodes; every 5th to both at once.
        constexpr int kMessages = 400;
        WebhookBurst burst;
        for (int n = 0; n < kMessages; ++n) {
            burst.post(m_channel, at(ports[n % 2]), QStringLiteral("shared"), n, 40);
            if (n % 5 == 0)
                burst.post(m_channel, at(ports[(n + 1) % 2]), QStringLiteral("shared"), n, 40);
        }
        QVERIFY(burst.waitForAnswers(60000));
        QCOMPARE(burst.acknowledged(), burst.posted());

        BotTurnAudit audit(*m_store, m_tenant.id);
        QVERIFY(QTest::qWaitFor([&] { return audit.settled(kMessages); }, 120000));
        const QString problems = audit.problems(kMessages);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        QVERIFY(a->stop());
        QVERIFY(b->stop());
    }

    // Three nodes take deliveries; one is killed (kill -9) while its bot is answering; the
    // provider delivers again what got no answer. The other two answer what it had taken.
    void aNodeKilledInTheMiddleLosesNothing()
    {
        auto a = setUp(QStringLiteral("a"));
        QVERIFY(a);
        auto b = node(QStringLiteral("b"));
        auto c = node(QStringLiteral("c"));
        const QStringList lease{QStringLiteral("--bot-lease"), QStringLiteral("2")};
        QVERIFY(a->start(lease) > 0);
        QVERIFY(b->start(lease) > 0);
        QVERIFY(c->start(lease) > 0);
        const int ports[3] = {a->port(), b->port(), c->port()};

        constexpr int kFirst = 600;
        constexpr int kSecond = 300;
        constexpr int kCustomers = 60;
        const QString run = QStringLiteral("killed");
        WebhookBurst first;
        for (int n = 0; n < kFirst; ++n) {
            first.post(m_channel, at(ports[n % 3]), run, n, kCustomers);
            if (n % 7 == 0)
                first.post(m_channel, at(ports[(n + 1) % 3]), run, n, kCustomers);
        }
        // Node c dies once the bots are answering and while deliveries are still arriving.
        BotTurnAudit audit(*m_store, m_tenant.id);
        QVERIFY(QTest::qWaitFor([&] { return audit.turns() >= 30; }, 60000));
        c->process().kill();
        QVERIFY(c->process().waitForFinished(10000));
        QCOMPARE(c->process().exitStatus(), QProcess::CrashExit);
        QVERIFY(first.waitForAnswers(60000));
        const int turnsAtKill = audit.turns();
        QVERIFY2(turnsAtKill < kFirst, "the kill came too late: every message was answered");

        // The provider delivers again what got no answer, to the nodes that are left, and more
        // messages arrive.
        WebhookBurst second;
        for (const qint64 n : first.unacknowledged())
            second.post(m_channel, at(ports[n % 2]), run, n, kCustomers);
        for (int n = kFirst; n < kFirst + kSecond; ++n)
            second.post(m_channel, at(ports[n % 2]), run, n, kCustomers);
        QVERIFY(second.waitForAnswers(60000));
        QCOMPARE(second.acknowledged(), second.posted());

        const bool settled =
            QTest::qWaitFor([&] { return audit.settled(kFirst + kSecond); }, 120000);
        const QString problems = audit.problems(kFirst + kSecond);
        if (!settled) // what the nodes said, for the failure's reader
            for (ServeNode *n : {a.get(), b.get()})
                qWarning().noquote() << QByteArray(n->process().readAllStandardError() +
                                                   n->process().readAllStandardOutput())
                                            .right(6000);
        QVERIFY2(settled, qPrintable(QStringLiteral("not settled: ") + problems));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        qInfo() << "turns before the kill:" << turnsAtKill << "of" << kFirst
                << "; deliveries c never answered:" << first.unacknowledged().size();
        QVERIFY(a->stop());
        QVERIFY(b->stop());
    }

    // A receive-only node (--no-agent) takes every delivery; the node with the bot on answers
    // them all, once, from the queue the receive-only node fills.
    void aReceiveOnlyNodeLeavesMessagesToTheBot()
    {
        auto receiver = setUp(QStringLiteral("r"));
        QVERIFY(receiver);
        auto bot = node(QStringLiteral("s"));
        QVERIFY(receiver->start({QStringLiteral("--no-agent")}) > 0);
        QVERIFY(bot->start() > 0);

        constexpr int kMessages = 100;
        WebhookBurst burst;
        for (int n = 0; n < kMessages; ++n)
            burst.post(m_channel, at(receiver->port()), QStringLiteral("receive-only"), n, 10);
        QVERIFY(burst.waitForAnswers(60000));
        QCOMPARE(burst.acknowledged(), kMessages);
        BotTurnAudit audit(*m_store, m_tenant.id);
        QVERIFY(QTest::qWaitFor([&] { return audit.settled(kMessages); }, 60000));
        const QString problems = audit.problems(kMessages);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(SharedNodesTest)
#include "tst_shared_nodes.moc"
