#include "EngineHarness.h"
#include "FakeProviderServer.h"
#include "TestSupport.h"
#include "agent/InteractiveReply.h"
#include "messaging/ChannelConfig.h"
#include "messaging/FormBody.h"
#include "messaging/MessagingService.h"
#include "messaging/OutboxSender.h"
#include "messaging/WebhookSignatures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryFile>

using namespace shopdesk;
using namespace shopdesk::test;

// The outbox drained against fake provider APIs on 127.0.0.1 that fail on cue: retries with
// backoff, Retry-After, permanent errors with reasons, a provider that never answers (the row is
// interrupted, never resent, and reconciled by a later status), the 24-hour window and templates,
// the per-number rate limit, and each provider's request format.
class TestOutbox : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    std::unique_ptr<FakeProviderServer> api;
    qint64 tenant = 0;
    Channel channel;

    Engine::Options fastOptions()
    {
        Engine::Options o;
        o.sender.backoffBaseMs = 50;
        o.sender.backoffCapMs = 2000;
        o.sender.timeoutMs = 1500;
        o.sender.maxAttempts = 4;
        return o;
    }

    void startWith(FakeProviderServer::Provider provider, QJsonObject config)
    {
        api = std::make_unique<FakeProviderServer>(provider);
        QVERIFY(api->start() > 0);
        h = std::make_unique<EngineHarness>(fastOptions());
        QVERIFY(h->start());
        tenant = h->addTenant();
        const QString name = provider == FakeProviderServer::Provider::Meta ? QStringLiteral("meta")
                             : provider == FakeProviderServer::Provider::Twilio
                                 ? QStringLiteral("twilio")
                                 : QStringLiteral("evolution");
        config.insert(provider == FakeProviderServer::Provider::Evolution
                          ? QStringLiteral("base_url")
                          : QStringLiteral("api_base"),
                      api->baseUrl());
        channel = h->addChannel(tenant, name, config);
        QVERIFY(channel.id > 0);
        // The sender loads channels on its own; wait until it knows this one.
        QVERIFY(QTest::qWaitFor(
            [this] { return h->engine().sender().client(channel.id) != nullptr; }, 10000));
    }

    void startMeta(QJsonObject extra = {})
    {
        QJsonObject config{{QStringLiteral("phone_number_id"), QStringLiteral("PNID")},
                           {QStringLiteral("access_token"), QStringLiteral("meta-token")},
                           {QStringLiteral("app_secret"), QStringLiteral("app-secret")},
                           {QStringLiteral("verify_token"), QStringLiteral("v")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            config.insert(it.key(), it.value());
        startWith(FakeProviderServer::Provider::Meta, config);
    }

    // A conversation on the channel whose customer wrote `ago` before now.
    qint64 conversation(const QString &phone, qint64 secondsAgo = 60)
    {
        const qint64 channelId = channel.id;
        const qint64 tenant = this->tenant;
        auto c = h->run([=](Store &s) -> Result<qint64> {
            auto contact =
                s.conversations().upsertContact(tenant, phone, QStringLiteral("Customer"));
            if (!contact)
                return Result<qint64>::failure(contact.error());
            auto conv = s.conversations().openConversation(tenant, contact->id, channelId);
            if (!conv)
                return Result<qint64>::failure(conv.error());
            Message m;
            m.conversationId = conv->id;
            m.body = QStringLiteral("hello");
            m.createdAt = QDateTime::currentDateTimeUtc().addSecs(-secondsAgo);
            auto added = s.conversations().appendMessage(tenant, m);
            if (!added)
                return Result<qint64>::failure(added.error());
            return conv->id;
        });
        return c ? c.value() : 0;
    }

    Result<OutboxStore::Enqueued> send(qint64 conversationId, const QString &text)
    {
        OutboundDraft d;
        d.tenantId = tenant;
        d.conversationId = conversationId;
        d.text = text;
        return h->run([d](Store &s) { return MessagingService::enqueue(s, d); });
    }

    Message message(qint64 id)
    {
        auto m = h->run([this, id](Store &s) { return s.conversations().message(tenant, id); });
        return m ? m.value() : Message();
    }

    bool waitForStatus(qint64 messageId, MessageStatus status, int timeoutMs = 15000)
    {
        return QTest::qWaitFor([&] { return message(messageId).status == status; }, timeoutMs);
    }

private Q_SLOTS:
    void cleanup()
    {
        h.reset();
        api.reset();
    }

    void metaTextIsSentOnceInMetasFormat()
    {
        startMeta();
        const qint64 c = conversation(QStringLiteral("+919800000001"));
        SD_TAKE(queued, send(c, QStringLiteral("Your order is ready")));
        QCOMPARE(queued.message.status, MessageStatus::Queued);
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        QCOMPARE(api->sendCount(), 1);
        const auto request = api->sends().first();
        QCOMPARE(request.path, QStringLiteral("/v21.0/PNID/messages"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer meta-token"));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value(QLatin1String("to")).toString(), QStringLiteral("919800000001"));
        QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("text"));
        QCOMPARE(
            body.value(QLatin1String("text")).toObject().value(QLatin1String("body")).toString(),
            QStringLiteral("Your order is ready"));
        QCOMPARE(body.value(QLatin1String("biz_opaque_callback_data")).toString(),
                 QStringLiteral("outbox:%1").arg(queued.outboxId));
        QCOMPARE(message(queued.message.id).providerMessageId, QStringLiteral("wamid.fake.1"));
    }

    void serverErrorsAreRetriedWithBackoff()
    {
        startMeta();
        api->script({500, "{}", {}, false});
        api->script(FakeProviderServer::metaError(400, 130429, QStringLiteral("Rate limit hit")));
        const qint64 c = conversation(QStringLiteral("+919800000002"));
        SD_TAKE(queued, send(c, QStringLiteral("retry me")));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        QCOMPARE(api->sendCount(), 3);
        const Message sent = message(queued.message.id);
        QCOMPARE(sent.providerMessageId.isEmpty(), false);
    }

    // The schedule the sender waits by (not measured gaps, which a loaded machine stretches):
    // doubling from the base, ±20% jitter, capped, and never sooner than Retry-After.
    void theBackoffScheduleDoublesWithJitterAndACap()
    {
        OutboxSender::Options o;
        o.backoffBaseMs = 2000;
        o.backoffCapMs = 60000;
        for (int attempt = 1; attempt <= 8; ++attempt) {
            const qint64 base = std::min<qint64>(2000LL << (attempt - 1), 60000);
            QCOMPARE(OutboxSender::backoffMs(o, attempt, 0), base);
            QCOMPARE(OutboxSender::retryDelayMs(o, attempt, 0, 0.0), qint64(base * 0.8));
            QCOMPARE(OutboxSender::retryDelayMs(o, attempt, 0, 0.5), base);
            QVERIFY(OutboxSender::retryDelayMs(o, attempt, 0, 0.999) <= qint64(base * 1.2));
            if (attempt > 1 && base < 60000) // the slowest try n-1 waits less than the fastest n
                QVERIFY(OutboxSender::retryDelayMs(o, attempt - 1, 0, 0.999) <
                        OutboxSender::retryDelayMs(o, attempt, 0, 0.0));
        }
        QCOMPARE(OutboxSender::retryDelayMs(o, 1, 30, 0.0), 30000); // Retry-After is the floor
        QVERIFY(OutboxSender::retryDelayMs(o, 1, 30, 0.999) >= 30000);
    }

    // A provider nobody answers for (connection refused): the channel's sends wait instead of
    // every queued message trying on its own; when it answers again, all go out, once each.
    void anUnreachableProviderPausesTheChannelAndNothingIsLost()
    {
        startMeta();
        const quint16 port = quint16(QUrl(api->baseUrl()).port());
        api.reset(); // nothing listens there now
        QSignalSpy unreachable(&h->engine().sender(), &OutboxSender::channelUnreachable);
        QSignalSpy reachable(&h->engine().sender(), &OutboxSender::channelReachable);
        constexpr int kMessages = 80; // more than the sender has in flight at once (64)
        QList<qint64> ids;
        for (int i = 0; i < kMessages; ++i) {
            const qint64 c = conversation(QStringLiteral("+9198770%1").arg(10000 + i));
            SD_TAKE(queued, send(c, QStringLiteral("wait for me %1").arg(i)));
            ids << queued.message.id;
        }
        QVERIFY(unreachable.count() > 0 || unreachable.wait(15000));
        QCOMPARE(unreachable.first().at(0).toLongLong(),
                 channel.tenantId); // for its store's banner
        QCOMPARE(unreachable.first().at(1).toLongLong(), channel.id);
        QVERIFY(unreachable.first().at(2).toString().contains(QLatin1String("reach")));
        // While it waits, the messages nobody tried yet stay untouched and none failed.
        auto tried = h->run([this](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT COUNT(*) FILTER (WHERE attempts > 0), "
                                          "COUNT(*) FILTER (WHERE state = 'failed') FROM outbox "
                                          "WHERE tenant_id = ?"),
                           {tenant})
                    .first();
            });
        });
        QVERIFY(tried);
        QVERIFY2(
            tried->at(0).toInt() < kMessages,
            qPrintable(QStringLiteral("%1 of %2 tried").arg(tried->at(0).toInt()).arg(kMessages)));
        QCOMPARE(tried->at(1).toInt(), 0);
        // The provider is back on the same address: everything goes out, each once.
        api = std::make_unique<FakeProviderServer>(FakeProviderServer::Provider::Meta);
        QCOMPARE(api->start(port), port);
        for (qint64 id : std::as_const(ids))
            QVERIFY(waitForStatus(id, MessageStatus::Sent, 60000));
        QCOMPARE(api->sendCount(), kMessages);
        QVERIFY(reachable.count() >= 1 || reachable.wait(5000));
    }

    void retryAfterIsHonoured()
    {
        startMeta();
        api->script({429,
                     FakeProviderServer::metaError(429, 130429, QStringLiteral("slow down")).body,
                     {{"Retry-After", "1"}},
                     false});
        const qint64 c = conversation(QStringLiteral("+919800000003"));
        SD_TAKE(queued, send(c, QStringLiteral("after a pause")));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        const auto sends = api->sends();
        QCOMPARE(sends.size(), 2);
        QVERIFY2(sends[0].at.msecsTo(sends[1].at) >= 950,
                 qPrintable(QString::number(sends[0].at.msecsTo(sends[1].at))));
    }

    void permanentErrorsFailWithAReasonAndAreNotRetried()
    {
        startMeta();
        api->script(
            FakeProviderServer::metaError(400, 131026, QStringLiteral("Message undeliverable")));
        const qint64 c = conversation(QStringLiteral("+919800000004"));
        SD_TAKE(queued, send(c, QStringLiteral("to nowhere")));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Failed));
        const Message m = message(queued.message.id);
        QVERIFY2(m.failureReason.contains(QLatin1String("could not deliver")),
                 qPrintable(m.failureReason));
        QVERIFY(m.failureReason.contains(QLatin1String("131026")));
        QCOMPARE(api->sendCount(), 1);
        auto health = h->run([this](Store &s) { return s.channels().health(tenant, channel.id); });
        QCOMPARE(health->sendFailures, 1);

        api->script(FakeProviderServer::metaError(401, 190,
                                                  QStringLiteral("Error validating access token")));
        SD_TAKE(expired, send(c, QStringLiteral("token test")));
        QVERIFY(waitForStatus(expired.message.id, MessageStatus::Failed));
        QVERIFY2(message(expired.message.id).failureReason.contains(QLatin1String("expired")),
                 qPrintable(message(expired.message.id).failureReason));
    }

    void noAnswerIsInterruptedNeverResentThenReconciled()
    {
        startMeta();
        api->script({0, {}, {}, true}); // the provider takes the request and never answers
        const qint64 c = conversation(QStringLiteral("+919800000005"));
        SD_TAKE(queued, send(c, QStringLiteral("did it go?")));
        QSignalSpy finished(&h->engine().sender(), &OutboxSender::sendFinished);
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Failed));
        QVERIFY2(message(queued.message.id).failureReason.contains(QLatin1String("not sent again")),
                 qPrintable(message(queued.message.id).failureReason));
        // Later work does not pick it up again.
        SD_TAKE(next, send(c, QStringLiteral("next message")));
        QVERIFY(waitForStatus(next.message.id, MessageStatus::Sent));
        QCOMPARE(api->sendCount(), 2);
        int sameBody = 0;
        for (const auto &r : api->sends())
            sameBody += r.body.contains("did it go?") ? 1 : 0;
        QCOMPARE(sameBody, 1);

        // Meta's status for it names our outbox row: it did go out after all.
        const QByteArray status =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                    {QStringLiteral("entry"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("changes"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("field"), QStringLiteral("messages")},
                              {QStringLiteral("value"),
                               QJsonObject{
                                   {QStringLiteral("statuses"),
                                    QJsonArray{QJsonObject{
                                        {QStringLiteral("id"), QStringLiteral("wamid.late")},
                                        {QStringLiteral("status"), QStringLiteral("delivered")},
                                        {QStringLiteral("timestamp"),
                                         QString::number(QDateTime::currentSecsSinceEpoch())},
                                        {QStringLiteral("recipient_id"),
                                         QStringLiteral("919800000005")},
                                        {QStringLiteral("biz_opaque_callback_data"),
                                         QStringLiteral("outbox:%1")
                                             .arg(queued.outboxId)}}}}}}}}}}}}})
                .toJson(QJsonDocument::Compact);
        const HttpAnswer answer = h->http.post(
            h->url(ChannelConfig(channel).webhookPath()), status,
            {{"Content-Type", "application/json"},
             {"X-Hub-Signature-256", WebhookSignatures::metaHeader(status, "app-secret")}});
        QCOMPARE(answer.status, 200);
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Delivered));
        QCOMPARE(message(queued.message.id).providerMessageId, QStringLiteral("wamid.late"));
        QVERIFY(message(queued.message.id).failureReason.isEmpty());
    }

    void windowClosedRefusesTextButAllowsTemplates()
    {
        const QJsonArray templates{
            QJsonObject{{QStringLiteral("name"), QStringLiteral("payment_reminder")},
                        {QStringLiteral("language"), QStringLiteral("en")},
                        {QStringLiteral("text"), QStringLiteral("Hi {{1}}, ₹{{2}} is due.")}}};
        startMeta({{QStringLiteral("templates"), templates}});
        const qint64 c = conversation(QStringLiteral("+919800000006"), 25 * 3600);
        auto refused = send(c, QStringLiteral("free-form after a day"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("24 hours")), qPrintable(refused.error()));

        OutboundDraft d;
        d.tenantId = tenant;
        d.conversationId = c;
        d.templateName = QStringLiteral("payment_reminder");
        d.params = {QStringLiteral("Asha"), QStringLiteral("450")};
        SD_TAKE(queued, h->run([d](Store &s) { return MessagingService::enqueue(s, d); }));
        QCOMPARE(queued.message.body, QStringLiteral("Hi Asha, ₹450 is due."));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        const QJsonObject body = QJsonDocument::fromJson(api->sends().first().body).object();
        QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("template"));
        const QJsonObject tmpl = body.value(QLatin1String("template")).toObject();
        QCOMPARE(tmpl.value(QLatin1String("name")).toString(), QStringLiteral("payment_reminder"));
        QCOMPARE(tmpl.value(QLatin1String("language"))
                     .toObject()
                     .value(QLatin1String("code"))
                     .toString(),
                 QStringLiteral("en"));
        const QJsonArray params = tmpl.value(QLatin1String("components"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QLatin1String("parameters"))
                                      .toArray();
        QCOMPARE(params.size(), 2);
        QCOMPARE(params.at(1).toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("450"));

        d.templateName = QStringLiteral("unknown_template");
        QVERIFY(!h->run([d](Store &s) { return MessagingService::enqueue(s, d); }).ok());
    }

    void windowThatClosesWhileQueuedIsCheckedAgainBeforeSending()
    {
        startMeta();
        api->script({503, "{}", {{"Retry-After", "2"}}, false});
        const qint64 c = conversation(QStringLiteral("+919800000007"), 24 * 3600 - 1);
        SD_TAKE(queued, send(c, QStringLiteral("just in time?")));
        // The first try fails; by the retry the window has closed, so it is not sent again.
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Failed));
        QVERIFY(message(queued.message.id).failureReason.contains(QLatin1String("24 hours")));
        QCOMPARE(api->sendCount(), 1);
    }

    void perNumberRateLimit()
    {
        startMeta({{QStringLiteral("rate_limit"), 5}});
        QList<qint64> ids;
        for (int i = 0; i < 10; ++i) {
            const qint64 c = conversation(QStringLiteral("+91980000010%1").arg(i));
            SD_TAKE(queued, send(c, QStringLiteral("broadcast %1").arg(i)));
            ids.append(queued.message.id);
        }
        for (qint64 id : ids)
            QVERIFY(waitForStatus(id, MessageStatus::Sent));
        const auto sends = api->sends();
        QCOMPARE(sends.size(), 10);
        // 5 per second with a burst of 5: the last five wait about a second in all.
        QVERIFY2(sends.first().at.msecsTo(sends.last().at) >= 900,
                 qPrintable(QString::number(sends.first().at.msecsTo(sends.last().at))));
    }

    void twilioFormat()
    {
        startWith(FakeProviderServer::Provider::Twilio,
                  {{QStringLiteral("account_sid"), QStringLiteral("AC42")},
                   {QStringLiteral("auth_token"), QStringLiteral("tok")},
                   {QStringLiteral("from"), QStringLiteral("+14155238886")},
                   {QStringLiteral("public_url"), QStringLiteral("https://shop.example.com")}});
        const qint64 c = conversation(QStringLiteral("+919800000008"));
        SD_TAKE(queued, send(c, QStringLiteral("namaste")));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        const auto request = api->sends().first();
        QCOMPARE(request.path, QStringLiteral("/2010-04-01/Accounts/AC42/Messages.json"));
        QCOMPARE(request.header("Authorization"),
                 QByteArray("Basic " + QByteArray("AC42:tok").toBase64()));
        const auto form = FormBody::parse(request.body);
        QCOMPARE(FormBody::value(form, QStringLiteral("To")),
                 QStringLiteral("whatsapp:+919800000008"));
        QCOMPARE(FormBody::value(form, QStringLiteral("From")),
                 QStringLiteral("whatsapp:+14155238886"));
        QCOMPARE(FormBody::value(form, QStringLiteral("Body")), QStringLiteral("namaste"));
        QCOMPARE(FormBody::value(form, QStringLiteral("StatusCallback")),
                 QStringLiteral("https://shop.example.com%1?outbox=%2")
                     .arg(ChannelConfig(channel).webhookPath())
                     .arg(queued.outboxId));
        QCOMPARE(message(queued.message.id).providerMessageId, QStringLiteral("SMfake1"));

        api->script(FakeProviderServer::twilioError(400, 63016, QStringLiteral("Outside window")));
        SD_TAKE(late, send(c, QStringLiteral("late")));
        QVERIFY(waitForStatus(late.message.id, MessageStatus::Failed));
        QVERIFY(message(late.message.id).failureReason.contains(QLatin1String("24 hours")));
    }

    void evolutionFormatHasNoWindow()
    {
        startWith(FakeProviderServer::Provider::Evolution,
                  {{QStringLiteral("api_key"), QStringLiteral("evo-key")},
                   {QStringLiteral("instance"), QStringLiteral("shop1")},
                   {QStringLiteral("webhook_secret"), QStringLiteral("s")}});
        const qint64 c = conversation(QStringLiteral("+5511999999999"), 3 * 24 * 3600);
        SD_TAKE(queued, send(c, QStringLiteral("olá"))); // no 24-hour window on WhatsApp Web
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        const auto request = api->sends().first();
        QCOMPARE(request.path, QStringLiteral("/message/sendText/shop1"));
        QCOMPARE(request.header("apikey"), QByteArray("evo-key"));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value(QLatin1String("number")).toString(), QStringLiteral("5511999999999"));
        QCOMPARE(body.value(QLatin1String("text")).toString(), QStringLiteral("olá"));
    }

    // The bot's "which one?" with WhatsApp's list: Meta gets the interactive message; Twilio
    // and Evolution, which have no such message for a business reply, get the numbered text.
    void interactiveListOrNumberedText_data()
    {
        QTest::addColumn<int>("provider");
        QTest::newRow("meta") << int(FakeProviderServer::Provider::Meta);
        QTest::newRow("twilio") << int(FakeProviderServer::Provider::Twilio);
        QTest::newRow("evolution") << int(FakeProviderServer::Provider::Evolution);
    }

    void interactiveListOrNumberedText()
    {
        QFETCH(int, provider);
        const auto p = FakeProviderServer::Provider(provider);
        if (p == FakeProviderServer::Provider::Meta)
            startMeta();
        else if (p == FakeProviderServer::Provider::Twilio)
            startWith(p,
                      {{QStringLiteral("account_sid"), QStringLiteral("AC42")},
                       {QStringLiteral("auth_token"), QStringLiteral("tok")},
                       {QStringLiteral("from"), QStringLiteral("+14155238886")},
                       {QStringLiteral("public_url"), QStringLiteral("https://shop.example.com")}});
        else
            startWith(p, {{QStringLiteral("api_key"), QStringLiteral("evo-key")},
                          {QStringLiteral("instance"), QStringLiteral("shop1")},
                          {QStringLiteral("webhook_secret"), QStringLiteral("s")}});
        const qint64 c = conversation(QStringLiteral("+919800000021"));
        const QString text =
            QStringLiteral("Which Toor Dal would you like? 1) Tata Sampann Toor Dal "
                           "1 kg ₹175, 2) Loose Toor Dal 1 kg ₹160. Reply with the "
                           "number.");
        OutboundDraft d;
        d.tenantId = tenant;
        d.conversationId = c;
        d.text = text;
        d.interactive = InteractiveReply::withBody(
            InteractiveReply::list(
                QStringLiteral("Choose"),
                {{QStringLiteral("choice:1"), QStringLiteral("1. Tata Sampann Toor Dal 1 kg"),
                  QStringLiteral("₹175")},
                 {QStringLiteral("choice:2"), QStringLiteral("2. Loose Toor Dal 1 kg"),
                  QStringLiteral("₹160")}}),
            text);
        SD_TAKE(queued, h->run([d](Store &s) { return MessagingService::enqueue(s, d); }));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        // The console shows the numbered text either way.
        QCOMPARE(message(queued.message.id).body, text);
        const auto request = api->sends().first();
        if (p == FakeProviderServer::Provider::Meta) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("interactive"));
            const QJsonObject list = body.value(QLatin1String("interactive")).toObject();
            QCOMPARE(list.value(QLatin1String("body"))
                         .toObject()
                         .value(QLatin1String("text"))
                         .toString(),
                     text);
            const QJsonArray rows = list.value(QLatin1String("action"))
                                        .toObject()
                                        .value(QLatin1String("sections"))
                                        .toArray()
                                        .first()
                                        .toObject()
                                        .value(QLatin1String("rows"))
                                        .toArray();
            QCOMPARE(rows.size(), 2);
            // Meta's limit: a row's title has at most 24 characters.
            const QString title = rows.first().toObject().value(QLatin1String("title")).toString();
            QVERIFY2(title.size() <= 24 && title.startsWith(QLatin1String("1. Tata Sampann")) &&
                         title.endsWith(QStringLiteral("…")),
                     qPrintable(title));
            QCOMPARE(rows.at(1).toObject().value(QLatin1String("id")).toString(),
                     QStringLiteral("choice:2"));
        } else if (p == FakeProviderServer::Provider::Twilio) {
            QCOMPARE(FormBody::value(FormBody::parse(request.body), QStringLiteral("Body")), text);
            QVERIFY(!request.body.contains("choice:"));
        } else {
            QCOMPARE(QJsonDocument::fromJson(request.body)
                         .object()
                         .value(QLatin1String("text"))
                         .toString(),
                     text);
            QVERIFY(!request.body.contains("choice:"));
        }
    }

    // While the bot answers, Evolution shows the customer's message read and the shop typing.
    void evolutionMarksReadAndShowsTyping()
    {
        startWith(FakeProviderServer::Provider::Evolution,
                  {{QStringLiteral("api_key"), QStringLiteral("evo-key")},
                   {QStringLiteral("instance"), QStringLiteral("shop1")},
                   {QStringLiteral("webhook_secret"), QStringLiteral("s")}});
        h->engine().sender().markRead(channel.id, QStringLiteral("+55 11 99999-9999"),
                                      QStringLiteral("3EB0C767D26A"));
        const auto find = [this](const QString &path) {
            for (const auto &r : api->requests()) {
                if (r.path == path)
                    return QJsonDocument::fromJson(r.body).object();
            }
            return QJsonObject();
        };
        QTRY_VERIFY(!find(QStringLiteral("/chat/markMessageAsRead/shop1")).isEmpty());
        const QJsonObject read = find(QStringLiteral("/chat/markMessageAsRead/shop1"))
                                     .value(QLatin1String("readMessages"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(read.value(QLatin1String("remoteJid")).toString(),
                 QStringLiteral("5511999999999@s.whatsapp.net"));
        QCOMPARE(read.value(QLatin1String("id")).toString(), QStringLiteral("3EB0C767D26A"));
        QCOMPARE(read.value(QLatin1String("fromMe")).toBool(true), false);
        QTRY_VERIFY(!find(QStringLiteral("/chat/sendPresence/shop1")).isEmpty());
        QCOMPARE(find(QStringLiteral("/chat/sendPresence/shop1"))
                     .value(QLatin1String("presence"))
                     .toString(),
                 QStringLiteral("composing"));
        QCOMPARE(api->sends().size(), 0); // neither is a message
    }

    void mediaByLinkAndByUpload()
    {
        startMeta();
        const qint64 c = conversation(QStringLiteral("+919800000011"));
        OutboundDraft link;
        link.tenantId = tenant;
        link.conversationId = c;
        link.mediaType = QStringLiteral("image");
        link.mediaLink = QStringLiteral("https://cdn.example.com/atta.jpg");
        link.caption = QStringLiteral("Aashirvaad atta 5 kg");
        SD_TAKE(byLink, h->run([link](Store &s) { return MessagingService::enqueue(s, link); }));
        QVERIFY(waitForStatus(byLink.message.id, MessageStatus::Sent));
        const QJsonObject linkBody = QJsonDocument::fromJson(api->sends().first().body).object();
        QCOMPARE(linkBody.value(QLatin1String("type")).toString(), QStringLiteral("image"));
        QCOMPARE(linkBody.value(QLatin1String("image"))
                     .toObject()
                     .value(QLatin1String("link"))
                     .toString(),
                 link.mediaLink);
        QCOMPARE(linkBody.value(QLatin1String("image"))
                     .toObject()
                     .value(QLatin1String("caption"))
                     .toString(),
                 link.caption);

        QTemporaryFile file(QDir::temp().filePath(QStringLiteral("bill-XXXXXX.pdf")));
        QVERIFY(file.open());
        file.write("%PDF-1.4\n% a bill\n");
        file.flush();
        OutboundDraft upload = link;
        upload.mediaType = QStringLiteral("document");
        upload.mediaLink.clear();
        upload.mediaFile = file.fileName();
        upload.fileName = QStringLiteral("bill.pdf");
        SD_TAKE(byUpload,
                h->run([upload](Store &s) { return MessagingService::enqueue(s, upload); }));
        QVERIFY(waitForStatus(byUpload.message.id, MessageStatus::Sent));
        bool uploaded = false;
        for (const auto &r : api->requests())
            uploaded |= r.path == QLatin1String("/v21.0/PNID/media") &&
                        r.body.contains("% a bill") &&
                        r.header("Content-Type").startsWith("multipart/form-data");
        QVERIFY(uploaded);
        const QJsonObject doc = QJsonDocument::fromJson(api->sends().last().body)
                                    .object()
                                    .value(QLatin1String("document"))
                                    .toObject();
        QVERIFY(doc.value(QLatin1String("id")).toString().startsWith(QLatin1String("media-")));
        QCOMPARE(doc.value(QLatin1String("filename")).toString(), QStringLiteral("bill.pdf"));
    }

    void twilioMediaIsFetchedWithBasicAuth()
    {
        startWith(FakeProviderServer::Provider::Twilio,
                  {{QStringLiteral("account_sid"), QStringLiteral("AC7")},
                   {QStringLiteral("auth_token"), QStringLiteral("tok7")},
                   {QStringLiteral("from"), QStringLiteral("+14155238886")}});
        api->setMedia("OggS\0\0voice-note", "audio/ogg");
        const FormBody::Fields fields{
            {QStringLiteral("MessageSid"), QStringLiteral("SMvoice")},
            {QStringLiteral("From"), QStringLiteral("whatsapp:+919833333333")},
            {QStringLiteral("NumMedia"), QStringLiteral("1")},
            {QStringLiteral("MediaUrl0"), api->baseUrl() + QStringLiteral("/media/ME1")},
            {QStringLiteral("MediaContentType0"), QStringLiteral("audio/ogg")}};
        const QString path = ChannelConfig(channel).webhookPath();
        const QString signedUrl =
            QStringLiteral("http://127.0.0.1:%1").arg(h->engine().webhookPort()) + path;
        const HttpAnswer answer =
            h->http.post(h->url(path), FormBody::encode(fields),
                         {{"Content-Type", "application/x-www-form-urlencoded"},
                          {"X-Twilio-Signature",
                           WebhookSignatures::twilioSignature(signedUrl, fields, "tok7")}});
        QCOMPARE(answer.status, 200);
        QVERIFY(h->settle());
        QTRY_VERIFY_WITH_TIMEOUT(
            h->messageByProviderId(tenant, QStringLiteral("SMvoice"))->mediaState ==
                QLatin1String("ready"),
            15000);
        bool basic = false;
        for (const auto &r : api->requests())
            basic |= r.path == QLatin1String("/media/ME1") &&
                     r.header("Authorization") == "Basic " + QByteArray("AC7:tok7").toBase64();
        QVERIFY(basic);
    }

    void evolutionMediaSendsBase64()
    {
        startWith(FakeProviderServer::Provider::Evolution,
                  {{QStringLiteral("api_key"), QStringLiteral("evo-key")},
                   {QStringLiteral("instance"), QStringLiteral("shop1")},
                   {QStringLiteral("webhook_secret"), QStringLiteral("s")}});
        const qint64 c = conversation(QStringLiteral("+5511999999998"));
        QTemporaryFile file(QDir::temp().filePath(QStringLiteral("photo-XXXXXX.png")));
        QVERIFY(file.open());
        file.write("\x89PNG\r\n\x1a\nrest");
        file.flush();
        OutboundDraft d;
        d.tenantId = tenant;
        d.conversationId = c;
        d.mediaType = QStringLiteral("image");
        d.mediaFile = file.fileName();
        d.caption = QStringLiteral("today's offer");
        SD_TAKE(queued, h->run([d](Store &s) { return MessagingService::enqueue(s, d); }));
        QVERIFY(waitForStatus(queued.message.id, MessageStatus::Sent));
        const auto request = api->sends().first();
        QCOMPARE(request.path, QStringLiteral("/message/sendMedia/shop1"));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value(QLatin1String("mediatype")).toString(), QStringLiteral("image"));
        QCOMPARE(QByteArray::fromBase64(body.value(QLatin1String("media")).toString().toLatin1()),
                 QByteArray("\x89PNG\r\n\x1a\nrest"));
        QCOMPARE(body.value(QLatin1String("caption")).toString(), QStringLiteral("today's offer"));
    }

    void testConnectionCallsAHarmlessEndpoint()
    {
        startMeta();
        std::optional<Status> result;
        h->engine().sender().client(channel.id)->testConnection([&](Status s) { result = s; });
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(result->error()));
        QCOMPARE(api->requests().last().method, QByteArray("GET"));
        QCOMPARE(api->sendCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
