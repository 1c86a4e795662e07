#include "EngineHarness.h"
#include "TestSupport.h"
#include "engine/HealthCheck.h"
#include "messaging/MessagingService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// GET /healthz on a running engine, for a load balancer: 200 with the backlog and the outbox
// while the database answers; 503 with the reason when it does not answer in time or the
// engine is not running. On SQLite and PostgreSQL.
class HealthTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;

    QJsonObject bodyOf(const HttpAnswer &a) { return QJsonDocument::fromJson(a.body).object(); }

private Q_SLOTS:
    void initTestCase()
    {
        h = std::make_unique<EngineHarness>();
        QVERIFY(h->start());
        QVERIFY(h->settle());
    }

    void aHealthyNodeSaysSoWithItsFigures()
    {
        const HttpAnswer a = h->http.get(h->url(QStringLiteral("/healthz")));
        QCOMPARE(a.status, 200);
        const QJsonObject body = bodyOf(a);
        QCOMPARE(body.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(body.value(QLatin1String("database")).toString(), QStringLiteral("reachable"));
        QCOMPARE(body.value(QLatin1String("engine")).toString(), QStringLiteral("running"));
        QCOMPARE(body.value(QLatin1String("inbound_backlog")).toInt(-1), 0);
        const QJsonObject outbox = body.value(QLatin1String("outbox")).toObject();
        for (const char *key : {"pending", "sending", "failed", "oldest_pending_s"})
            QCOMPARE(outbox.value(QLatin1String(key)).toInt(-1), 0);
    }

    void theOutboxFiguresAreCounted()
    {
        // A message to a Meta channel whose API does not answer (port 9 on this machine): it is
        // pending, being sent, or failed, and counted either way.
        const qint64 tenant = h->addTenant(QStringLiteral("health"));
        const Channel channel =
            h->addChannel(tenant, QStringLiteral("meta"),
                          {{QStringLiteral("phone_number_id"), QStringLiteral("1")},
                           {QStringLiteral("access_token"), QStringLiteral("t")},
                           {QStringLiteral("app_secret"), QStringLiteral("s")},
                           {QStringLiteral("verify_token"), QStringLiteral("v")},
                           {QStringLiteral("api_base"), QStringLiteral("http://127.0.0.1:9")}});
        QVERIFY(channel.id > 0);
        h->engine().health().setReuseMs(60000);
        QCOMPARE(bodyOf(h->http.get(h->url(QStringLiteral("/healthz"))))
                     .value(QLatin1String("outbox"))
                     .toObject()
                     .value(QLatin1String("pending"))
                     .toInt(-1),
                 0);
        auto queued = h->run([&](Store &s) -> Result<qint64> {
            auto contact =
                s.conversations().upsertContact(tenant, QStringLiteral("+919800000001"), QString());
            if (!contact)
                return Result<qint64>::failure(contact.error());
            auto c = s.conversations().openConversation(tenant, contact->id, channel.id);
            if (!c)
                return Result<qint64>::failure(c.error());
            Message bubble;
            bubble.conversationId = c->id;
            bubble.body = QStringLiteral("waiting");
            auto e = s.outbox().enqueue(tenant, channel.id, bubble, QStringLiteral("text"),
                                        QStringLiteral("{\"text\":\"waiting\"}"));
            return e ? Result<qint64>(e->outboxId) : Result<qint64>::failure(e.error());
        });
        QVERIFY2(queued, qPrintable(queued.error()));
        const auto counted = [this] {
            const QJsonObject outbox = bodyOf(h->http.get(h->url(QStringLiteral("/healthz"))))
                                           .value(QLatin1String("outbox"))
                                           .toObject();
            return outbox.value(QLatin1String("pending")).toInt() +
                   outbox.value(QLatin1String("sending")).toInt() +
                   outbox.value(QLatin1String("failed")).toInt();
        };
        // Read before the message was queued, and still young: answered again without a read,
        // so a load balancer polling many times a second costs the database one read a second.
        QCOMPARE(counted(), 0);
        h->engine().health().setReuseMs(0); // every request reads
        QCOMPARE(counted(), 1);
    }

    void aDatabaseThatDoesNotAnswerIs503()
    {
        h->engine().health().setTimeoutMs(200);
        // The database thread is busy until the test lets it go.
        QSemaphore release;
        QObject context;
        bool finished = false;
        h->store().run(
            &context,
            [&release](Store &) {
                release.acquire();
                return Status(Done{});
            },
            [&finished](Status) { finished = true; });
        const HttpAnswer a = h->http.get(h->url(QStringLiteral("/healthz")));
        release.release();
        QCOMPARE(a.status, 503);
        const QJsonObject body = bodyOf(a);
        QCOMPARE(body.value(QLatin1String("status")).toString(), QStringLiteral("unavailable"));
        QVERIFY2(body.value(QLatin1String("database"))
                     .toString()
                     .contains(QLatin1String("not "
                                             "answering")),
                 a.body.constData());
        QVERIFY(!body.contains(QLatin1String("outbox")));
        QVERIFY(QTest::qWaitFor([&] { return finished; }, 10000));
        h->engine().health().setTimeoutMs(3000);
        QCOMPARE(h->http.get(h->url(QStringLiteral("/healthz"))).status, 200);
    }

    void aStoppedEngineIsUnavailable()
    {
        const HttpResponse r = HealthCheck::response(false, QString(), {}, QStringLiteral("n1"));
        QCOMPARE(r.status, 503);
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QLatin1String("engine")).toString(), QStringLiteral("stopped"));
        QCOMPARE(body.value(QLatin1String("node")).toString(), QStringLiteral("n1"));
        const HttpResponse lost =
            HealthCheck::response(true, QStringLiteral("connection lost"), {}, {});
        QCOMPARE(lost.status, 503);
        QVERIFY(lost.body.contains("connection lost"));
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_GUILESS_MAIN(HealthTest)
#include "tst_health.moc"
