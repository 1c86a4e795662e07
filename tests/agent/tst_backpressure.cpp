#include "EngineHarness.h"
#include "FakeProviderServer.h"
#include "TestSupport.h"
#include "WebhookBurst.h"
#include "agent/Agent.h"
#include "messaging/InboundProcessor.h"
#include "storage/SqlSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// Customers write faster than the bot answers (a burst of signed webhooks, the bot on): every
// webhook is acknowledged, the bot's backlog is announced and shown by /healthz, and then every
// message is answered once, in order within each chat. On SQLite and PostgreSQL.
class BackpressureTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBurstIsAcknowledgedQueuedAndAnsweredInOrder()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        FakeProviderServer api(FakeProviderServer::Provider::Meta);
        QVERIFY(api.start() > 0);
        EngineHarness h({}, true);
        QVERIFY(h.start());
        const qint64 tenant = h.addTenant(QStringLiteral("burst"));
        const Channel channel =
            h.addChannel(tenant, QStringLiteral("meta"),
                         {{QStringLiteral("phone_number_id"), QStringLiteral("PN")},
                          {QStringLiteral("access_token"), QStringLiteral("t")},
                          {QStringLiteral("app_secret"), QStringLiteral("s")},
                          {QStringLiteral("verify_token"), QStringLiteral("v")},
                          {QStringLiteral("rate_limit"), QStringLiteral("1000")},
                          {QStringLiteral("api_base"), api.baseUrl()}});
        QVERIFY(channel.id > 0);
        QVERIFY(h.settle());

        QSignalSpy backlog(&h.engine().agent(), &Agent::backlogChanged);
        // The burst is acknowledged while processing waits, then handed to the bot at once:
        // hundreds of messages behind, whatever this machine's speed.
        h.engine().inbound().stop();
        constexpr int kMessages = 600;
        constexpr int kCustomers = 20;
        WebhookBurst burst;
        for (int n = 0; n < kMessages; ++n)
            burst.post(channel, h.url(QString()), QStringLiteral("burst"), n, kCustomers);
        QVERIFY(burst.waitForAnswers(60000));
        QCOMPARE(burst.acknowledged(), kMessages);
        h.engine().inbound().start();

        // The bot fell behind and said so; /healthz shows it while it lasts.
        QVERIFY(QTest::qWaitFor([&] { return !backlog.isEmpty(); }, 20000));
        int most = 0;
        for (const auto &signal : std::as_const(backlog))
            most = std::max(most, signal.at(0).toInt());
        QVERIFY2(most >= 100,
                 qPrintable(QStringLiteral("the bot said it was %1 behind").arg(most)));
        const QJsonObject health =
            QJsonDocument::fromJson(h.http.get(h.url(QStringLiteral("/healthz"))).body).object();
        QVERIFY(health.contains(QLatin1String("bot_backlog")));

        // Then it catches up: every message answered once, oldest first within each chat.
        QVERIFY(QTest::qWaitFor(
            [&] { return !backlog.isEmpty() && backlog.last().at(0).toInt() == 0; }, 120000));
        auto turns = h.run([&](Store &s) {
            return sql::guard([&] {
                return s.backend().query(
                    QStringLiteral("SELECT t.conversation_id, t.message_id FROM execution_traces "
                                   "t WHERE t.tenant_id = ? ORDER BY t.id"),
                    {tenant});
            });
        });
        QVERIFY2(turns, qPrintable(turns.error()));
        QCOMPARE(turns->size(), kMessages);
        QHash<qint64, qint64> lastPerChat;
        QSet<qint64> seen;
        for (const SqlRow &r : turns.value()) {
            const qint64 chat = r[0].toLongLong();
            const qint64 message = r[1].toLongLong();
            QVERIFY2(!seen.contains(message), "a message was answered twice");
            seen.insert(message);
            QVERIFY2(message > lastPerChat.value(chat), "a chat's messages were answered out "
                                                        "of order");
            lastPerChat.insert(chat, message);
        }
        QCOMPARE(lastPerChat.size(), kCustomers);
    }
};

QTEST_GUILESS_MAIN(BackpressureTest)
#include "tst_backpressure.moc"
