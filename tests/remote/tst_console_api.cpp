// A remote console (RemoteConsoleClient, as `shopdesk --connect` uses it) against a real
// `shopdesk-cli serve` process on either backend: signing in (wrong password, no password set,
// requests before signing in), a customer's message arriving live, the inbox, takeover, a reply
// that reaches the provider, hand back, the roles' refusals in the engine, another store's
// sign-in neither reading this store nor hearing its events, tokens expiring, and wss://.
#include "RemoteStoreServer.h"
#include "remote/RemoteConsoleClient.h"

#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace shopdesk;
using namespace shopdesk::test;

namespace {

Result<QJsonValue> call(RemoteConsoleClient &client, const QString &method,
                        const QJsonObject &params = {})
{
    return await<QJsonValue>([&](QObject *c, auto done) { client.call(method, params, c, done); });
}

} // namespace

class ConsoleApiTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<RemoteStoreServer> m_server;

    bool setUpStores()
    {
        m_server = std::make_unique<RemoteStoreServer>(QStringLiteral(SHOPDESK_CLI_PATH));
        return m_server->setUp();
    }
    bool open(RemoteConsoleClient &client, const QString &scheme = QStringLiteral("ws"))
    {
        return m_server->open(client, scheme);
    }
    Result<RemoteConsoleClient::Session> signIn(RemoteConsoleClient &client, const QString &store,
                                                const QString &name, const QString &password)
    {
        return m_server->signIn(client, store, name, password);
    }

private Q_SLOTS:
    void cleanup()
    {
        if (m_server)
            QVERIFY(m_server->stop());
        m_server.reset();
    }

    void signingInIsRefusedWithoutTheRightPassword()
    {
        QVERIFY(setUpStores());
        QVERIFY(m_server->start() > 0);
        RemoteConsoleClient client;
        QVERIFY(open(client));

        Result<QJsonValue> early = call(client, QStringLiteral("conversations"));
        QVERIFY(!early);
        QCOMPARE(early.errorKind(), ErrorKind::Forbidden);
        QVERIFY2(early.error().contains(QLatin1String("Sign in")), qPrintable(early.error()));

        auto wrong = signIn(client, QStringLiteral("shop"), QStringLiteral("Ravi"),
                            QStringLiteral("not-his-password"));
        QVERIFY(!wrong);
        QCOMPARE(wrong.errorKind(), ErrorKind::Forbidden);
        auto stranger = signIn(client, QStringLiteral("shop"), QStringLiteral("Zed"),
                               QStringLiteral("whatever-1"));
        QVERIFY(!stranger);
        QCOMPARE(stranger.error(), QStringLiteral("The store, name or password is not right."));
        auto noStore = signIn(client, QStringLiteral("nowhere"), QStringLiteral("Ravi"),
                              QStringLiteral("ravi-password-1"));
        QCOMPARE(noStore.error(), stranger.error()); // says nothing about which part was wrong
        auto noPassword = signIn(client, QStringLiteral("shop"), QStringLiteral("Nisha"),
                                 QStringLiteral("anything-1"));
        QVERIFY(!noPassword);
        QVERIFY2(noPassword.error().contains(QLatin1String("no password")),
                 qPrintable(noPassword.error()));
        QVERIFY(!client.session().storeId);

        auto ravi = signIn(client, QStringLiteral("shop"), QStringLiteral("ravi"),
                           QStringLiteral("ravi-password-1"));
        QVERIFY2(ravi, qPrintable(ravi.error()));
        QCOMPARE(ravi->person.name, QStringLiteral("Ravi"));
        QCOMPARE(ravi->person.role, OperatorRole::Agent);
        QCOMPARE(ravi->storeSlug, QStringLiteral("shop"));
        QVERIFY(ravi->expiresAt > QDateTime::currentDateTimeUtc().addSecs(11 * 3600));
        QVERIFY(call(client, QStringLiteral("conversations")));

        // The wrong tries are in the audit log; the sign-in too.
        const qint64 shop = ravi->storeId;
        auto log = m_server->store().audit().entries(shop, {});
        QVERIFY2(log, qPrintable(log.error()));
        QStringList actions;
        for (const AuditEntry &e : log.value())
            actions << e.action;
        QVERIFY2(actions.contains(QStringLiteral("signin")), qPrintable(actions.join(u',')));
        QVERIFY2(actions.contains(QStringLiteral("signin.failed")), qPrintable(actions.join(u',')));
        // …and that it came from another computer, with its address.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto entries = m_server->store().audit().entries(shop, {});
                for (const AuditEntry &e : entries ? entries.value() : QList<AuditEntry>{})
                    if (e.action == QLatin1String("signin.remote") &&
                        e.detail.contains(QLatin1String("127.0.0.1")))
                        return true;
                return false;
            }(),
            10000);
    }

    void anAgentWorksAChatLiveAndIsRefusedTheManagersWork()
    {
        QVERIFY(setUpStores());
        QVERIFY(m_server->start({QStringLiteral("--no-agent")}) > 0);
        RemoteConsoleClient client;
        QVERIFY(open(client));
        QVERIFY(signIn(client, QStringLiteral("shop"), QStringLiteral("Ravi"),
                       QStringLiteral("ravi-password-1")));
        QSignalSpy live(&client, &RemoteConsoleClient::messagesAppended);

        // A customer writes to the store: the console hears it at once.
        QVERIFY(m_server->postCustomerMessage(QStringLiteral("remote"), 1));
        QVERIFY(live.wait(20000) || !live.isEmpty());
        const auto heard = live.first().at(2).value<QList<Message>>();
        QVERIFY(!heard.isEmpty());
        QVERIFY(heard.first().body.contains(QLatin1String("Load test message 1")));
        const qint64 chat = live.first().at(1).toLongLong();

        auto inbox = await<QList<ConversationSummary>>(
            [&](QObject *c, auto done) { client.conversations(c, done); });
        QVERIFY2(inbox, qPrintable(inbox.error()));
        QCOMPARE(inbox->size(), 1);
        QCOMPARE(inbox->first().conversation.id, chat);
        auto lines =
            await<QList<Message>>([&](QObject *c, auto done) { client.messages(chat, c, done); });
        QVERIFY(lines && !lines->isEmpty());
        QCOMPARE(lines->last().body, heard.first().body);

        // Take over, reply (it reaches the provider), hand back.
        QSignalSpy owner(&client, &RemoteConsoleClient::conversationChanged);
        auto taken =
            await<Conversation>([&](QObject *c, auto done) { client.takeOver(chat, c, done); });
        QVERIFY2(taken, qPrintable(taken.error()));
        QCOMPARE(taken->owner, OwnerKind::Human);
        QCOMPARE(taken->ownerOperatorId, client.session().person.id);
        QVERIFY(QTest::qWaitFor([&] { return !owner.isEmpty(); }, 20000));
        auto sent = await<Message>([&](QObject *c, auto done) {
            client.reply(chat, QStringLiteral("Ravi here"), c, done);
        });
        QVERIFY2(sent, qPrintable(sent.error()));
        QCOMPARE(sent->author, Author::Human);
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const auto &r : m_server->api().sends())
                    if (r.body.contains("Ravi here"))
                        return true;
                return false;
            },
            20000));
        auto back =
            await<Conversation>([&](QObject *c, auto done) { client.handBack(chat, c, done); });
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->owner, OwnerKind::Bot);

        // An agent reads stock but does not change it, nor reads the reports: the engine says no.
        auto products =
            await<QList<Product>>([&](QObject *c, auto done) { client.products(c, done); });
        QVERIFY(products);
        QCOMPARE(products->size(), 2);
        Result<QJsonValue> stock =
            call(client, QStringLiteral("products.setStock"),
                 {{QStringLiteral("sku"), QStringLiteral("MILK1")}, {QStringLiteral("stock"), 5}});
        QCOMPARE(stock.errorKind(), ErrorKind::Forbidden);
        QCOMPARE(call(client, QStringLiteral("report")).errorKind(), ErrorKind::Forbidden);
        QCOMPARE(
            call(client, QStringLiteral("knowledge.updatePassage"),
                 {{QStringLiteral("chunkId"), 1}, {QStringLiteral("text"), QStringLiteral("x")}})
                .errorKind(),
            ErrorKind::Forbidden);
        QCOMPARE(call(client, QStringLiteral("knowledge.saveFaq"),
                      {{QStringLiteral("pairs"),
                        QJsonArray{QJsonObject{{QStringLiteral("question"), QStringLiteral("Q?")},
                                               {QStringLiteral("answer"), QStringLiteral("A.")}}}}})
                     .errorKind(),
                 ErrorKind::Forbidden);
        QCOMPARE(m_server->store().catalog().products(client.session().storeId)->first().stock,
                 40.0);

        // The owner, from another computer, may.
        RemoteConsoleClient owner2;
        QVERIFY(open(owner2));
        QVERIFY(signIn(owner2, QStringLiteral("shop"), QStringLiteral("Asha"),
                       QStringLiteral("asha-password-1")));
        Result<QJsonValue> restocked =
            call(owner2, QStringLiteral("products.setStock"),
                 {{QStringLiteral("sku"), QStringLiteral("MILK1")}, {QStringLiteral("stock"), 5}});
        QVERIFY2(restocked, qPrintable(restocked.error()));
        QCOMPARE(restocked->toObject().value(QLatin1String("stock")).toDouble(), 5.0);
        Result<QJsonValue> report =
            call(owner2, QStringLiteral("report"), {{QStringLiteral("days"), 7}});
        QVERIFY2(report, qPrintable(report.error()));
        // The one customer message of this test, counted by the engine's report.
        QCOMPARE(report->toObject().value(QLatin1String("customer_messages")).toInt(), 1);

        // Ravi's account is switched off: his console is refused from then on, and on a
        // shared store (the change reaches serve through NOTIFY) signed out at once.
        QSignalSpy out(&client, &RemoteConsoleClient::signedOut);
        m_server->node().cli({QStringLiteral("operator"), QStringLiteral("disable"),
                              QStringLiteral("--tenant"), QStringLiteral("shop"),
                              QStringLiteral("--name"), QStringLiteral("Ravi")});
        if (TestDatabases::postgresWanted()) {
            QVERIFY(out.wait(20000));
            QVERIFY2(out.first().first().toString().contains(QLatin1String("switched off")),
                     qPrintable(out.first().first().toString()));
        }
        QCOMPARE(call(client, QStringLiteral("conversations")).errorKind(), ErrorKind::Forbidden);
    }

    void anotherStoresSignInNeitherReadsNorHearsThisStore()
    {
        QVERIFY(setUpStores());
        QVERIFY(m_server->start({QStringLiteral("--no-agent")}) > 0);
        RemoteConsoleClient shop;
        RemoteConsoleClient other;
        QVERIFY(open(shop));
        QVERIFY(open(other));
        QVERIFY(signIn(shop, QStringLiteral("shop"), QStringLiteral("Asha"),
                       QStringLiteral("asha-password-1")));
        auto olga = signIn(other, QStringLiteral("other"), QStringLiteral("Olga"),
                           QStringLiteral("olga-password-1"));
        QVERIFY(olga);
        QSignalSpy shopHeard(&shop, &RemoteConsoleClient::messagesAppended);
        QSignalSpy otherHeard(&other, &RemoteConsoleClient::event);

        QVERIFY(m_server->postCustomerMessage(QStringLiteral("stores"), 1));
        QVERIFY(QTest::qWaitFor([&] { return !shopHeard.isEmpty(); }, 20000));
        // An answer from the server comes after any event it sent before it.
        auto otherInbox = await<QList<ConversationSummary>>(
            [&](QObject *c, auto done) { other.conversations(c, done); });
        QVERIFY(otherInbox);
        QVERIFY(otherInbox->isEmpty());
        QCOMPARE(otherHeard.count(), 0);

        // Naming the other store is refused; so is carrying Olga's token to it.
        const Result<QJsonValue> cross = call(other, QStringLiteral("conversations"),
                                              {{QStringLiteral("store"), QStringLiteral("shop")}});
        QCOMPARE(cross.errorKind(), ErrorKind::Forbidden);
        RemoteConsoleClient thief;
        QVERIFY(open(thief));
        Result<QJsonValue> resumed = call(thief, QStringLiteral("resume"),
                                          {{QStringLiteral("token"), olga->token},
                                           {QStringLiteral("store"), QStringLiteral("shop")}});
        QCOMPARE(resumed.errorKind(), ErrorKind::Forbidden);
        // Olga's token reads her own store only, even from another connection.
        auto again = await<RemoteConsoleClient::Session>(
            [&](QObject *c, auto done) { thief.resume(olga->token, c, done); });
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->storeSlug, QStringLiteral("other"));
        auto still = await<QList<ConversationSummary>>(
            [&](QObject *c, auto done) { thief.conversations(c, done); });
        QVERIFY(still && still->isEmpty());
    }

    void anExpiredSignInIsSignedOutAndRefused()
    {
        QVERIFY(setUpStores());
        // Sign-ins last three seconds on this node.
        QVERIFY(m_server->start({QStringLiteral("--no-agent"), QStringLiteral("--console-sign-in"),
                                 QStringLiteral("0.05")}) > 0);
        RemoteConsoleClient client;
        QVERIFY(open(client));
        QSignalSpy signedOut(&client, &RemoteConsoleClient::signedOut);
        auto session = signIn(client, QStringLiteral("shop"), QStringLiteral("Ravi"),
                              QStringLiteral("ravi-password-1"));
        QVERIFY(session);
        QVERIFY(session->expiresAt <= QDateTime::currentDateTimeUtc().addSecs(4));
        QVERIFY(signedOut.wait(20000));
        QVERIFY2(signedOut.first().first().toString().contains(QLatin1String("expired")),
                 qPrintable(signedOut.first().first().toString()));
        QCOMPARE(call(client, QStringLiteral("conversations")).errorKind(), ErrorKind::Forbidden);
        RemoteConsoleClient later;
        QVERIFY(open(later));
        Result<QJsonValue> resumed =
            call(later, QStringLiteral("resume"), {{QStringLiteral("token"), session->token}});
        QCOMPARE(resumed.errorKind(), ErrorKind::Forbidden);
        // Signing in again works.
        QVERIFY(signIn(client, QStringLiteral("shop"), QStringLiteral("Ravi"),
                       QStringLiteral("ravi-password-1")));
    }

    void theApiSpeaksWssWhenServeHasACertificate()
    {
        QVERIFY(setUpStores());
        const QString cert = m_server->home() + QStringLiteral("/cert.pem");
        const QString key = m_server->home() + QStringLiteral("/key.pem");
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
        QVERIFY(m_server->start({QStringLiteral("--no-agent"), QStringLiteral("--tls-cert"), cert,
                                 QStringLiteral("--tls-key"), key}) > 0);

        RemoteConsoleClient untrusting;
        QVERIFY(!open(untrusting, QStringLiteral("wss"))); // a certificate nobody vouched for
        RemoteConsoleClient client;
        QVERIFY(client.trustCertificate(cert));
        QVERIFY(open(client, QStringLiteral("wss")));
        QVERIFY(signIn(client, QStringLiteral("shop"), QStringLiteral("Ravi"),
                       QStringLiteral("ravi-password-1")));
        QVERIFY(call(client, QStringLiteral("conversations")));
    }
};

QTEST_GUILESS_MAIN(ConsoleApiTest)
#include "tst_console_api.moc"
