#include "EngineHarness.h"
#include "FakeProviderServer.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "conversation/ConversationService.h"
#include "messaging/ChannelConfig.h"
#include "messaging/FormBody.h"
#include "messaging/OutboxSender.h"
#include "messaging/WebhookService.h"
#include "messaging/WebhookSignatures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

using namespace shopdesk;
using namespace shopdesk::test;

// Webhooks over real HTTP into a running engine, on SQLite or PostgreSQL: signatures on the raw
// bytes, clear rejections that store nothing, one stored message per provider id however often
// it is delivered, statuses that never move backwards, and media fetched on receipt.
class TestWebhooks : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    std::unique_ptr<FakeProviderServer> metaApi;
    qint64 tenant = 0;
    Channel meta;
    const QByteArray secret = "meta-app-secret";

    static QJsonObject fixture(const QString &file, const QString &name)
    {
        QFile f(qEnvironmentVariable("SHOPDESK_SHARED_DIR") + QStringLiteral("/fixtures/meta/") +
                file);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object().value(name).toObject();
    }

    HttpAnswer postMeta(const QByteArray &body, const QByteArray &signature = {})
    {
        return h->http.post(
            h->url(ChannelConfig(meta).webhookPath()), body,
            {{"Content-Type", "application/json"},
             {"X-Hub-Signature-256",
              signature.isEmpty() ? WebhookSignatures::metaHeader(body, secret) : signature}});
    }

    static QByteArray textBody(const QString &id, const QString &text,
                               const QString &from = QStringLiteral("919800000001"))
    {
        QJsonObject root = fixture(QStringLiteral("message.json"), QStringLiteral("text"));
        QJsonArray entries = root.value(QLatin1String("entry")).toArray();
        QJsonObject entry = entries.first().toObject();
        QJsonObject change = entry.value(QLatin1String("changes")).toArray().first().toObject();
        QJsonObject value = change.value(QLatin1String("value")).toObject();
        QJsonObject m = value.value(QLatin1String("messages")).toArray().first().toObject();
        m.insert(QLatin1String("id"), id);
        m.insert(QLatin1String("from"), from);
        m.insert(QLatin1String("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch()));
        m.insert(QLatin1String("text"), QJsonObject{{QStringLiteral("body"), text}});
        value.insert(QLatin1String("messages"), QJsonArray{m});
        change.insert(QLatin1String("value"), value);
        entry.insert(QLatin1String("changes"), QJsonArray{change});
        root.insert(QLatin1String("entry"), QJsonArray{entry});
        return QJsonDocument(root).toJson(QJsonDocument::Compact);
    }

    static QByteArray statusBody(const QString &id, const QString &status,
                                 const QJsonArray &errors = {})
    {
        QJsonObject s{
            {QStringLiteral("id"), id},
            {QStringLiteral("status"), status},
            {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
            {QStringLiteral("recipient_id"), QStringLiteral("919800000001")}};
        if (!errors.isEmpty())
            s.insert(QLatin1String("errors"), errors);
        const QJsonObject root{
            {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
            {QStringLiteral("entry"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("1")},
                             {QStringLiteral("changes"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("field"), QStringLiteral("messages")},
                                  {QStringLiteral("value"),
                                   QJsonObject{{QStringLiteral("statuses"), QJsonArray{s}}}}}}}}}}};
        return QJsonDocument(root).toJson(QJsonDocument::Compact);
    }

    qint64 rejectedCount(qint64 channelId)
    {
        auto health =
            h->run([this, channelId](Store &s) { return s.channels().health(tenant, channelId); });
        return health ? health->rejectedCount : -1;
    }

private Q_SLOTS:
    void init()
    {
        metaApi = std::make_unique<FakeProviderServer>(FakeProviderServer::Provider::Meta);
        QVERIFY(metaApi->start() > 0);
        h = std::make_unique<EngineHarness>();
        QVERIFY(h->start());
        tenant = h->addTenant();
        QVERIFY(tenant > 0);
        meta = h->addChannel(tenant, QStringLiteral("meta"),
                             {{QStringLiteral("phone_number_id"), QStringLiteral("1122334455667")},
                              {QStringLiteral("access_token"), QStringLiteral("token")},
                              {QStringLiteral("app_secret"), QString::fromLatin1(secret)},
                              {QStringLiteral("verify_token"), QStringLiteral("verify-me")},
                              {QStringLiteral("api_base"), metaApi->baseUrl()}});
        QVERIFY(meta.id > 0);
    }

    void cleanup()
    {
        h.reset();
        metaApi.reset();
    }

    void metaVerificationHandshake()
    {
        QUrl url = h->url(ChannelConfig(meta).webhookPath());
        url.setQuery(QStringLiteral(
            "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"));
        const HttpAnswer ok = h->http.get(url);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body, QByteArray("1158201444"));
        url.setQuery(QStringLiteral("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"));
        QCOMPARE(h->http.get(url).status, 403);
        url.setQuery(
            QStringLiteral("hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1"));
        QCOMPARE(h->http.get(url).status, 403);
    }

    void everyFixtureMessageIsStoredOnce()
    {
        QFile f(qEnvironmentVariable("SHOPDESK_SHARED_DIR") +
                QStringLiteral("/fixtures/meta/message.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
        int index = 0;
        QSet<QString> types;
        for (auto it = all.begin(); it != all.end(); ++it, ++index) {
            // Fixture ids repeat across examples; give each its own so each is a new message.
            QByteArray raw = QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact);
            raw.replace("\"id\":\"wamid.", QByteArray(QByteArray("\"id\":\"wamid.") +
                                                      QByteArray::number(index) + '.'));
            const HttpAnswer answer = postMeta(raw);
            QVERIFY2(answer.status == 200,
                     qPrintable(it.key() + QStringLiteral(": ") + QString::fromUtf8(answer.body)));
        }
        QVERIFY(h->settle());
        const QList<Message> stored = h->messages(tenant);
        QCOMPARE(stored.size(), all.size());
        for (const Message &m : stored) {
            types.insert(m.type);
            QCOMPARE(m.direction, Direction::Inbound);
            QCOMPARE(m.author, Author::Customer);
            QVERIFY(!m.providerMessageId.isEmpty());
        }
        for (const char *t :
             {"text", "image", "video", "document", "audio", "voice", "sticker", "reaction",
              "location", "contacts", "order", "unsupported", "interactive"})
            QVERIFY2(types.contains(QLatin1String(t)), t);
    }

    void rejectedRequestsStoreNothingAndAreCounted()
    {
        const QByteArray body = textBody(QStringLiteral("wamid.reject"), QStringLiteral("hello"));
        const QString path = ChannelConfig(meta).webhookPath();
        QCOMPARE(h->http.post(h->url(path), body, {{"Content-Type", "application/json"}}).status,
                 401);
        QCOMPARE(postMeta(body, "sha256=" + QByteArray(64, '0')).status, 403);
        QCOMPARE(postMeta(body, WebhookSignatures::metaHeader(body, "other-secret")).status, 403);
        QByteArray tampered = body;
        tampered.replace("hello", "HELLO");
        QCOMPARE(postMeta(tampered, WebhookSignatures::metaHeader(body, secret)).status, 403);
        QCOMPARE(postMeta("{\"object\":\"whatsapp_business_account\",\"entry\":[").status, 400);
        QCOMPARE(postMeta(R"({"object":"whatsapp_business_account"})").status, 400);
        const HttpAnswer wrongType =
            h->http.post(h->url(path), body,
                         {{"Content-Type", "text/plain"},
                          {"X-Hub-Signature-256", WebhookSignatures::metaHeader(body, secret)}});
        QCOMPARE(wrongType.status, 415);
        const QByteArray huge(2 * 1024 * 1024, ' ');
        QCOMPARE(postMeta(huge).status, 413);
        QCOMPARE(h->http
                     .post(h->url(QStringLiteral("/webhooks/meta/nope")), body,
                           {{"Content-Type", "application/json"}})
                     .status,
                 404);
        const HttpAnswer reasoned = postMeta(body, "sha256=00");
        QVERIFY(reasoned.body.contains("does not match"));

        QVERIFY(h->settle());
        QVERIFY(h->messages(tenant).isEmpty());
        QTRY_COMPARE(rejectedCount(meta.id), 9);
        QCOMPARE(h->engine().webhooks().counters(meta.id).rejected, 9);
        // The same body, correctly signed, is accepted: nothing was remembered from the rejects.
        QCOMPARE(postMeta(body).status, 200);
        QVERIFY(h->settle());
        QCOMPARE(h->messages(tenant).size(), 1);
    }

    void repeatedDeliveriesAreStoredOnce()
    {
        const QByteArray body =
            textBody(QStringLiteral("wamid.dup"), QStringLiteral("2 milk aur 1 bread"));
        QCOMPARE(postMeta(body).status, 200);
        QCOMPARE(postMeta(body).status, 200);
        // Concurrently: many connections deliver the same message at once.
        QNetworkAccessManager network;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 24; ++i) {
            QNetworkRequest r(h->url(ChannelConfig(meta).webhookPath()));
            r.setRawHeader("Content-Type", "application/json");
            r.setRawHeader("X-Hub-Signature-256", WebhookSignatures::metaHeader(body, secret));
            replies.append(network.post(r, body));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(),
                                             [](QNetworkReply *r) { return r->isFinished(); }),
                                 20000);
        for (QNetworkReply *r : replies)
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        qDeleteAll(replies);
        QVERIFY(h->settle());
        QCOMPARE(h->messages(tenant).size(), 1);
        const auto counters = h->engine().webhooks().counters(meta.id);
        QCOMPARE(counters.recorded, 1);
        QCOMPARE(counters.duplicates, 25);
        // A different message from the same customer is not a duplicate.
        QCOMPARE(
            postMeta(textBody(QStringLiteral("wamid.dup2"), QStringLiteral("2 milk aur 1 bread")))
                .status,
            200);
        QVERIFY(h->settle());
        QCOMPARE(h->messages(tenant).size(), 2);
    }

    void statusesNeverMoveBackwards()
    {
        QCOMPARE(postMeta(textBody(QStringLiteral("wamid.in1"), QStringLiteral("hi"))).status, 200);
        QVERIFY(h->settle());
        const Message in = h->messages(tenant).first();
        Message out;
        out.conversationId = in.conversationId;
        out.direction = Direction::Outbound;
        out.author = Author::Bot;
        out.body = QStringLiteral("Hello!");
        out.status = MessageStatus::Sent;
        out.providerMessageId = QStringLiteral("wamid.out1");
        QVERIFY(
            h->run([&](Store &s) { return s.conversations().appendMessage(tenant, out); }).ok());

        QCOMPARE(postMeta(statusBody(QStringLiteral("wamid.out1"), QStringLiteral("read"))).status,
                 200);
        QCOMPARE(
            postMeta(statusBody(QStringLiteral("wamid.out1"), QStringLiteral("delivered"))).status,
            200);
        QCOMPARE(postMeta(statusBody(QStringLiteral("wamid.out1"), QStringLiteral("sent"))).status,
                 200);
        QVERIFY(h->settle());
        auto after = h->messageByProviderId(tenant, QStringLiteral("wamid.out1"));
        QVERIFY(after);
        QCOMPARE(after->status, MessageStatus::Read);
        QVERIFY(after->readAt.isValid());
    }

    // A provider can report a send before the engine has recorded it (the simulator does at
    // once). In a pass that also stores a customer's message, such a status waits for its send
    // rather than being dropped.
    void aStatusBeforeItsSendIsRecordedWaitsForIt()
    {
        QJsonObject both =
            QJsonDocument::fromJson(textBody(QStringLiteral("wamid.in9"), QStringLiteral("hello")))
                .object();
        const QJsonObject status = QJsonDocument::fromJson(statusBody(QStringLiteral("wamid.early"),
                                                                      QStringLiteral("read")))
                                       .object();
        QJsonArray entries = both.value(QLatin1String("entry")).toArray();
        QJsonObject entry = entries.first().toObject();
        QJsonArray changes = entry.value(QLatin1String("changes")).toArray();
        changes.append(status.value(QLatin1String("entry"))
                           .toArray()
                           .first()
                           .toObject()
                           .value(QLatin1String("changes"))
                           .toArray()
                           .first());
        entry.insert(QLatin1String("changes"), changes);
        both.insert(QLatin1String("entry"), QJsonArray{entry});
        QCOMPARE(postMeta(QJsonDocument(both).toJson(QJsonDocument::Compact)).status, 200);
        // Not settled: the status waits for its send.
        QTRY_VERIFY_WITH_TIMEOUT(!h->messages(tenant).isEmpty(), 10000);
        const Message in = h->messages(tenant).first();
        // The send is recorded only now.
        Message out;
        out.conversationId = in.conversationId;
        out.direction = Direction::Outbound;
        out.author = Author::Human;
        out.body = QStringLiteral("Hello from the shop");
        out.status = MessageStatus::Sent;
        out.providerMessageId = QStringLiteral("wamid.early");
        QVERIFY(
            h->run([&](Store &s) { return s.conversations().appendMessage(tenant, out); }).ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            h->messageByProviderId(tenant, QStringLiteral("wamid.early"))->status ==
                MessageStatus::Read,
            10000);
        QVERIFY(h->settle());
    }

    void asynchronousWindowFailureIsExplained()
    {
        QCOMPARE(postMeta(textBody(QStringLiteral("wamid.in2"), QStringLiteral("hi"))).status, 200);
        QVERIFY(h->settle());
        Message out;
        out.conversationId = h->messages(tenant).first().conversationId;
        out.direction = Direction::Outbound;
        out.author = Author::Bot;
        out.body = QStringLiteral("Late reply");
        out.status = MessageStatus::Sent;
        out.providerMessageId = QStringLiteral("wamid.out2");
        QVERIFY(
            h->run([&](Store &s) { return s.conversations().appendMessage(tenant, out); }).ok());
        const QJsonArray errors{
            QJsonObject{{QStringLiteral("code"), 131047},
                        {QStringLiteral("title"), QStringLiteral("Re-engagement message")}}};
        QCOMPARE(
            postMeta(statusBody(QStringLiteral("wamid.out2"), QStringLiteral("failed"), errors))
                .status,
            200);
        QVERIFY(h->settle());
        auto failed = h->messageByProviderId(tenant, QStringLiteral("wamid.out2"));
        QCOMPARE(failed->status, MessageStatus::Failed);
        QVERIFY2(failed->failureReason.contains(QLatin1String("24 hours")),
                 qPrintable(failed->failureReason));
        QVERIFY(failed->failureReason.contains(QLatin1String("131047")));
        auto health = h->run([this](Store &s) { return s.channels().health(tenant, meta.id); });
        QCOMPARE(health->sendFailures, 1);
    }

    void mediaIsFetchedOnReceipt()
    {
        const QByteArray png =
            QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8B"
                                   "QDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        metaApi->setMedia(png, "image/png");
        QByteArray raw =
            QJsonDocument(fixture(QStringLiteral("message.json"), QStringLiteral("image")))
                .toJson(QJsonDocument::Compact);
        QCOMPARE(postMeta(raw).status, 200);
        QVERIFY(h->settle());
        QTRY_COMPARE_WITH_TIMEOUT(h->messages(tenant).first().mediaState, QStringLiteral("ready"),
                                  15000);
        const Message m = h->messages(tenant).first();
        QFile file(QDir(h->dataDir()).filePath(m.mediaRef));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QCOMPARE(file.readAll(), png);
        QCOMPARE(m.mediaMime, QStringLiteral("image/png"));
        // Shared mode: a console on another computer (its own data folder) opens it too.
        if (TestDatabases::postgresWanted()) {
            Engine::Options shared;
            shared.database = h->database();
            EngineHarness console(shared);
            QVERIFY(console.start());
            SD_TAKE(there, answerOf<QString>([&](auto done) {
                        console.engine().conversations().mediaFile(tenant, m.mediaRef, this,
                                                                   std::move(done));
                    }));
            QVERIFY2(there.startsWith(console.dataDir()), qPrintable(there));
            QFile copy(there);
            QVERIFY(copy.open(QIODevice::ReadOnly));
            QCOMPARE(copy.readAll(), png);
        }
        // Meta was asked with the channel's token, for this media id.
        bool askedForId = false;
        for (const auto &r : metaApi->requests())
            askedForId |= r.path.endsWith(QLatin1String("/65463453")) &&
                          r.header("Authorization") == "Bearer token";
        QVERIFY(askedForId);
    }

    void mediaOfTheWrongKindIsRefused()
    {
        metaApi->setMedia("<html>login page</html>", "text/html");
        QByteArray raw =
            QJsonDocument(fixture(QStringLiteral("message.json"), QStringLiteral("image")))
                .toJson(QJsonDocument::Compact);
        QCOMPARE(postMeta(raw).status, 200);
        QVERIFY(h->settle());
        QTRY_COMPARE_WITH_TIMEOUT(h->messages(tenant).first().mediaState, QStringLiteral("failed"),
                                  15000);
        QVERIFY2(h->messages(tenant).first().mediaRef.contains(QLatin1String("not the image")),
                 qPrintable(h->messages(tenant).first().mediaRef));
    }

    void mediaOverTheSizeLimitIsRefused()
    {
        // A channel that keeps files up to 100 bytes; the customer sends a bigger one.
        auto updated = h->run([this](Store &s) {
            Channel c = meta;
            QJsonObject config = QJsonDocument::fromJson(c.configJson.toUtf8()).object();
            config.insert(QStringLiteral("media_max_bytes"), QStringLiteral("100"));
            c.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
            return s.channels().updateChannel(tenant, c);
        });
        QVERIFY(updated.ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            h->engine().sender().client(meta.id) &&
                h->engine().sender().client(meta.id)->config().mediaMaxBytes() == 100,
            10000);
        metaApi->setMedia(QByteArray(5000, 'x'), "image/jpeg");
        QByteArray raw =
            QJsonDocument(fixture(QStringLiteral("message.json"), QStringLiteral("image")))
                .toJson(QJsonDocument::Compact);
        QCOMPARE(postMeta(raw).status, 200);
        QVERIFY(h->settle());
        QTRY_COMPARE_WITH_TIMEOUT(h->messages(tenant).first().mediaState, QStringLiteral("failed"),
                                  15000);
        QVERIFY2(h->messages(tenant).first().mediaRef.contains(QLatin1String("larger than")),
                 qPrintable(h->messages(tenant).first().mediaRef));
    }

    void twilioSignedFormsAndStatusCallbacks()
    {
        const Channel twilio = h->addChannel(
            tenant, QStringLiteral("twilio"),
            {{QStringLiteral("account_sid"), QStringLiteral("AC123")},
             {QStringLiteral("auth_token"), QStringLiteral("twilio-token")},
             {QStringLiteral("from"), QStringLiteral("+14155238886")},
             {QStringLiteral("public_url"), QStringLiteral("https://shop.example.com")}});
        const QString path = ChannelConfig(twilio).webhookPath();
        const FormBody::Fields fields{
            {QStringLiteral("MessageSid"), QStringLiteral("SM100")},
            {QStringLiteral("From"), QStringLiteral("whatsapp:+919811111111")},
            {QStringLiteral("To"), QStringLiteral("whatsapp:+14155238886")},
            {QStringLiteral("Body"), QStringLiteral("2 milk aur 1 bread")},
            {QStringLiteral("NumMedia"), QStringLiteral("0")},
            {QStringLiteral("ProfileName"), QStringLiteral("Asha")}};
        const QByteArray body = FormBody::encode(fields);
        const QByteArray signature = WebhookSignatures::twilioSignature(
            QStringLiteral("https://shop.example.com") + path, fields, "twilio-token");
        const QList<QPair<QByteArray, QByteArray>> headers{
            {"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", signature}};
        const HttpAnswer ok = h->http.post(h->url(path), body, headers);
        QCOMPARE(ok.status, 200);
        QVERIFY(ok.body.contains("<Response/>"));
        QCOMPARE(h->http.post(h->url(path), body + "&Extra=1", headers).status, 403);
        QCOMPARE(
            h->http
                .post(h->url(path), body, {{"Content-Type", "application/x-www-form-urlencoded"}})
                .status,
            401);
        QVERIFY(h->settle());
        auto stored = h->messageByProviderId(tenant, QStringLiteral("SM100"));
        QVERIFY(stored);
        QCOMPARE(stored->body, QStringLiteral("2 milk aur 1 bread"));
    }

    void evolutionNeedsItsSecretAndMarksStoreReplies()
    {
        const Channel evo =
            h->addChannel(tenant, QStringLiteral("evolution"),
                          {{QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:9")},
                           {QStringLiteral("api_key"), QStringLiteral("k")},
                           {QStringLiteral("instance"), QStringLiteral("shop")},
                           {QStringLiteral("webhook_secret"), QStringLiteral("s3cret")}});
        const QString path = ChannelConfig(evo).webhookPath();
        const QByteArray in =
            R"({"event":"messages.upsert","data":{"key":{"remoteJid":"5511999999999@s.whatsapp.net",
            "fromMe":false,"id":"EV1"},"pushName":"Ravi","message":{"conversation":"do you have atta?"},
            "messageType":"conversation","messageTimestamp":1761046839}})";
        const QByteArray mine =
            R"({"event":"messages.upsert","data":{"key":{"remoteJid":"5511999999999@s.whatsapp.net",
            "fromMe":true,"id":"EV2"},"message":{"conversation":"Yes, 10 kg bags"},"messageType":"conversation"}})";
        QCOMPARE(h->http.post(h->url(path), in, {{"Content-Type", "application/json"}}).status,
                 401);
        QCOMPARE(h->http
                     .post(h->url(path), in,
                           {{"Content-Type", "application/json"}, {"X-Shopdesk-Secret", "wrong"}})
                     .status,
                 403);
        QCOMPARE(h->http
                     .post(h->url(path), in,
                           {{"Content-Type", "application/json"}, {"X-Shopdesk-Secret", "s3cret"}})
                     .status,
                 200);
        QCOMPARE(h->http
                     .post(h->url(path), mine,
                           {{"Content-Type", "application/json"}, {"X-Shopdesk-Secret", "s3cret"}})
                     .status,
                 200);
        QVERIFY(h->settle());
        auto reply = h->messageByProviderId(tenant, QStringLiteral("EV2"));
        QVERIFY(reply);
        QCOMPARE(reply->author, Author::Human);
        QCOMPARE(reply->direction, Direction::Outbound);
        auto conversation = h->run([&](Store &s) {
            return s.conversations().conversation(tenant, reply->conversationId);
        });
        QCOMPARE(conversation->owner, OwnerKind::Human); // the bot stays quiet in this chat
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
