#include "EngineHarness.h"
#include "FakeProviderServer.h"
#include "FakeTranscriptionServer.h"
#include "ShoppingListImage.h"
#include "TestSupport.h"
#include "agent/Agent.h"
#include "agent/ConversationState.h"
#include "demo/DemoStoreLoader.h"
#include "knowledge/KnowledgeSettings.h"
#include "messaging/ChannelConfig.h"
#include "messaging/WebhookSignatures.h"
#include "reading/MediaReading.h"
#include "storage/AgentStore.h"
#include "storage/BotQueueStore.h"
#include "storage/ConversationStore.h"
#include "storage/TenantStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace shopdesk;
using namespace shopdesk::test;

// Voice notes, photos and files from customers, end to end through Meta's webhooks into a running
// engine with the bot on (SQLite or PostgreSQL): a voice note is transcribed by an
// OpenAI-compatible server (a fake on 127.0.0.1 speaking multipart) and ordered from; a photo of
// a list is read with Tesseract and becomes a cart; what cannot be read goes to a person with
// the reason, never silence.
class TestMediaMessages : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    std::unique_ptr<FakeProviderServer> metaApi;
    std::unique_ptr<FakeTranscriptionServer> whisper;
    qint64 tenant = 0;
    Channel meta;
    const QByteArray secret = "meta-app-secret";
    int counter = 0;
    // Some bytes that sniff as OGG (the real header), as WhatsApp's voice notes are.
    const QByteArray ogg = QByteArray("OggS\0\x02", 6) + QByteArray(200, '\x01');

    static QJsonObject fixture(const QString &file, const QString &name)
    {
        QFile f(qEnvironmentVariable("SHOPDESK_SHARED_DIR") + QStringLiteral("/fixtures/meta/") +
                file);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
        return name.isEmpty() ? all : all.value(name).toObject();
    }

    // The fixture's message from `from`, with a fresh id and timestamp.
    QByteArray fromCustomer(QJsonObject root, const QString &from, QString *id = nullptr)
    {
        QJsonArray entries = root.value(QLatin1String("entry")).toArray();
        QJsonObject entry = entries.first().toObject();
        QJsonObject change = entry.value(QLatin1String("changes")).toArray().first().toObject();
        QJsonObject value = change.value(QLatin1String("value")).toObject();
        QJsonObject m = value.value(QLatin1String("messages")).toArray().first().toObject();
        const QString wamid = QStringLiteral("wamid.media%1").arg(++counter);
        if (id)
            *id = wamid;
        m.insert(QLatin1String("id"), wamid);
        m.insert(QLatin1String("from"), from);
        m.insert(QLatin1String("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch()));
        value.insert(QLatin1String("messages"), QJsonArray{m});
        QJsonArray contacts = value.value(QLatin1String("contacts")).toArray();
        QJsonObject contact = contacts.first().toObject();
        contact.insert(QLatin1String("wa_id"), from);
        value.insert(QLatin1String("contacts"), QJsonArray{contact});
        change.insert(QLatin1String("value"), value);
        entry.insert(QLatin1String("changes"), QJsonArray{change});
        root.insert(QLatin1String("entry"), QJsonArray{entry});
        return QJsonDocument(root).toJson(QJsonDocument::Compact);
    }

    int post(const QByteArray &body)
    {
        return h->http
            .post(h->url(ChannelConfig(meta).webhookPath()), body,
                  {{"Content-Type", "application/json"},
                   {"X-Hub-Signature-256", WebhookSignatures::metaHeader(body, secret)}})
            .status;
    }

    // The bot's turn for the customer's next message (after it is fetched and read).
    AgentTurn::Outcome turnFor(const QByteArray &body)
    {
        QSignalSpy handled(&h->engine().agent(), &Agent::handled);
        if (post(body) != 200)
            return {};
        if (!QTest::qWaitFor([&] { return !handled.isEmpty(); }, 30000))
            return {};
        return handled.first().at(2).value<AgentTurn::Outcome>();
    }

    // The customer's text, or their tap on a list row or button (Meta's own callback payloads).
    QByteArray textFrom(const QString &from, const QString &text, QString *id = nullptr)
    {
        QJsonObject root = fixture(QStringLiteral("message.json"), QStringLiteral("text"));
        QByteArray body = fromCustomer(root, from, id);
        QJsonObject o = QJsonDocument::fromJson(body).object();
        return QJsonDocument(withMessage(o,
                                         [&](QJsonObject &m) {
                                             m.insert(QLatin1String("text"),
                                                      QJsonObject{{QStringLiteral("body"), text}});
                                         }))
            .toJson(QJsonDocument::Compact);
    }

    QByteArray tapFrom(const QString &from, const QString &file, const QString &name,
                       const QString &kind, const QString &id, const QString &title)
    {
        QJsonObject o = QJsonDocument::fromJson(fromCustomer(fixture(file, name), from)).object();
        return QJsonDocument(
                   withMessage(o,
                               [&](QJsonObject &m) {
                                   m.insert(
                                       QLatin1String("interactive"),
                                       QJsonObject{
                                           {QStringLiteral("type"), kind},
                                           {kind, QJsonObject{{QStringLiteral("id"), id},
                                                              {QStringLiteral("title"), title}}}});
                               }))
            .toJson(QJsonDocument::Compact);
    }

    template<typename F> static QJsonObject withMessage(QJsonObject root, F change)
    {
        QJsonArray entries = root.value(QLatin1String("entry")).toArray();
        QJsonObject entry = entries.first().toObject();
        QJsonObject c = entry.value(QLatin1String("changes")).toArray().first().toObject();
        QJsonObject value = c.value(QLatin1String("value")).toObject();
        QJsonObject m = value.value(QLatin1String("messages")).toArray().first().toObject();
        change(m);
        value.insert(QLatin1String("messages"), QJsonArray{m});
        c.insert(QLatin1String("value"), value);
        entry.insert(QLatin1String("changes"), QJsonArray{c});
        root.insert(QLatin1String("entry"), QJsonArray{entry});
        return root;
    }

    // The last message sent to this customer through Meta's API (after the outbox sent it).
    QJsonObject lastSendTo(const QString &to, int after)
    {
        QJsonObject found;
        QTest::qWaitFor(
            [&] {
                const auto sends = metaApi->sends();
                for (qsizetype i = sends.size() - 1; i >= after; --i) {
                    const QJsonObject body = QJsonDocument::fromJson(sends.at(i).body).object();
                    if (body.value(QLatin1String("to")).toString() == to) {
                        found = body;
                        return true;
                    }
                }
                return false;
            },
            15000);
        found.remove(QStringLiteral("biz_opaque_callback_data")); // the outbox row's id
        return found;
    }

    // Compares a request body with its reviewed copy in tests/golden/meta-send/
    // (SHOPDESK_UPDATE_GOLDEN=1 writes it).
    static bool matchesGolden(const QJsonObject &body, const QString &name)
    {
        const QString path = QStringLiteral(SHOPDESK_GOLDEN_DIR "/meta-send/") + name;
        const QByteArray actual = QJsonDocument(body).toJson(QJsonDocument::Indented);
        if (qEnvironmentVariableIntValue("SHOPDESK_UPDATE_GOLDEN")) {
            QDir().mkpath(QFileInfo(path).path());
            QFile out(path);
            return out.open(QIODevice::WriteOnly) && out.write(actual) == actual.size();
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        const QJsonObject expected = QJsonDocument::fromJson(f.readAll()).object();
        if (expected != body)
            qWarning().noquote() << "Differs from" << path << ":\n" << actual;
        return expected == body;
    }

    std::optional<Message> stored(const QString &wamid)
    {
        return h->messageByProviderId(tenant, wamid);
    }

    Status setTranscription(const QString &baseUrl)
    {
        ModelEndpoint e;
        e.baseUrl = baseUrl;
        e.model = QStringLiteral("whisper-1");
        e.apiKey = QStringLiteral("sk-voice");
        return h->run([this, json = baseUrl.isEmpty() ? QString() : e.toJson()](Store &s) {
            return s.tenants().setSetting(tenant, KnowledgeSettings::kTranscriptionKey, json);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        metaApi = std::make_unique<FakeProviderServer>(FakeProviderServer::Provider::Meta);
        QVERIFY(metaApi->start() > 0);
        whisper = std::make_unique<FakeTranscriptionServer>();
        QVERIFY(whisper->start() > 0);
        whisper->setKey("sk-voice");
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        auto demo = h->run([](Store &s) { return DemoStoreLoader::load(s); });
        QVERIFY2(demo, qPrintable(demo.error()));
        tenant = demo->tenantId;
        meta = h->addChannel(tenant, QStringLiteral("meta"),
                             {{QStringLiteral("phone_number_id"), QStringLiteral("1122334455667")},
                              {QStringLiteral("access_token"), QStringLiteral("token")},
                              {QStringLiteral("app_secret"), QString::fromLatin1(secret)},
                              {QStringLiteral("verify_token"), QStringLiteral("verify-me")},
                              {QStringLiteral("api_base"), metaApi->baseUrl()}});
        QVERIFY(meta.id > 0);
        QVERIFY(h->settle());
        SD_VERIFY_OK(setTranscription(whisper->baseUrl()));
    }

    void voiceOrderBecomesACart()
    {
        metaApi->setMedia(ogg, "audio/ogg; codecs=opus");
        whisper->script({200, QStringLiteral("2 brown eggs aur 1 iodised salt bhej do")});
        QString wamid;
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("voice")),
                                 QStringLiteral("919811100001"), &wamid));
        QCOMPARE(turn.decision, QStringLiteral("reply"));
        QVERIFY2(turn.reply.contains(QLatin1String("Brown Eggs")) &&
                     turn.reply.contains(QLatin1String("Iodised Salt")),
                 qPrintable(turn.reply));
        // The transcript went through the order pipeline, and the trace shows it with its
        // confidence.
        const QJsonObject reading = turn.trace.value(QStringLiteral("reading")).toObject();
        QCOMPARE(reading.value(QStringLiteral("text")).toString(),
                 QStringLiteral("2 brown eggs aur 1 iodised salt bhej do"));
        QVERIFY(reading.value(QStringLiteral("confidence")).toDouble() > 0.8);
        QCOMPARE(turn.trace.value(QStringLiteral("intent"))
                     .toObject()
                     .value(QStringLiteral("label"))
                     .toString(),
                 QStringLiteral("place_order"));
        // The server got the real multipart request: the file as WhatsApp sent it, the model,
        // verbose_json for segments, the key as a Bearer token.
        const auto &request = whisper->requests().last();
        QCOMPARE(request.authorization, QByteArray("Bearer sk-voice"));
        QVERIFY(request.contentType.startsWith("multipart/form-data; boundary="));
        QCOMPARE(request.parts.value("file").body, ogg);
        QVERIFY2(request.parts.value("file").fileName.endsWith(".oga") ||
                     request.parts.value("file").fileName.endsWith(".ogg"),
                 request.parts.value("file").fileName.constData());
        QCOMPARE(request.parts.value("model").body, QByteArray("whisper-1"));
        QCOMPARE(request.parts.value("response_format").body, QByteArray("verbose_json"));
        // The transcript is kept with the voice note, for the console to show under it.
        auto m = stored(wamid);
        QVERIFY(m);
        const MediaReading kept = MediaReading::of(*m);
        QCOMPARE(kept.state, MediaReading::State::Read);
        QCOMPARE(kept.by, QStringLiteral("voice"));
        QCOMPARE(kept.text, QStringLiteral("2 brown eggs aur 1 iodised salt bhej do"));
        // The cart waits for the customer's yes.
        auto state = h->run(
            [&](Store &s) { return s.agent().conversationState(tenant, m->conversationId); });
        QVERIFY(state);
        QCOMPARE(ConversationState::fromJson(state.value()).cart.size(), 2);
    }

    void serverWithoutVerboseJsonIsAskedForJson()
    {
        metaApi->setMedia(ogg, "audio/ogg");
        FakeTranscriptionServer::Scripted s{200, QStringLiteral("Do you deliver to Sector 21?")};
        s.refuseVerbose = true;
        whisper->script(s);
        whisper->script({200, QStringLiteral("Do you deliver to Sector 21?")});
        QString wamid;
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("voice")),
                                 QStringLiteral("919811100002"), &wamid));
        QVERIFY2(turn.decision == QLatin1String("reply"), qPrintable(turn.reason));
        QCOMPARE(whisper->requests().last().parts.value("response_format").body,
                 QByteArray("json"));
        const MediaReading kept = MediaReading::of(*stored(wamid));
        QCOMPARE(kept.text, QStringLiteral("Do you deliver to Sector 21?"));
        QVERIFY(kept.confidence < 0); // the plain answer says nothing of it
    }

    void failingVoiceServiceHandsOverWithTheReason()
    {
        metaApi->setMedia(ogg, "audio/ogg");
        whisper->script({500, QString()});
        QString wamid;
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("voice")),
                                 QStringLiteral("919811100003"), &wamid));
        QCOMPARE(turn.decision, QStringLiteral("escalate"));
        QVERIFY2(turn.reason.startsWith(QLatin1String("voice note: please listen")),
                 qPrintable(turn.reason));
        QVERIFY2(turn.reason.contains(QLatin1String("answered 500")), qPrintable(turn.reason));
        QVERIFY2(turn.reply.contains(QLatin1String("voice note")), qPrintable(turn.reply));
        auto m = stored(wamid);
        auto chat = h->run(
            [&](Store &s) { return s.conversations().conversation(tenant, m->conversationId); });
        QVERIFY(chat->needsHuman);
        QVERIFY(chat->escalationReason.contains(QLatin1String("please listen")));
        QCOMPARE(MediaReading::of(*m).state, MediaReading::State::Unread);
    }

    // A voice note the engine stopped before fetching is fetched at the next start, read, and
    // answered: the bot waits for it rather than handing it over for lateness.
    void aVoiceNoteLeftBeforeARestartIsFetchedAndAnswered()
    {
        const QString from = QStringLiteral("919811100050");
        QString first;
        QVERIFY(turnFor(textFrom(from, QStringLiteral("namaste"), &first)).decision ==
                QLatin1String("reply"));
        auto chat = stored(first);
        QVERIFY(chat);
        Message voice;
        voice.tenantId = tenant;
        voice.conversationId = chat->conversationId;
        voice.direction = Direction::Inbound;
        voice.author = Author::Customer;
        voice.type = QStringLiteral("voice");
        voice.mediaState = QStringLiteral("pending");
        voice.mediaMime = QStringLiteral("audio/ogg; codecs=opus");
        voice.mediaSource = QStringLiteral("5550001");
        voice.providerMessageId = QStringLiteral("wamid.left-behind");
        voice.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600); // an hour ago
        metaApi->setMedia(ogg, "audio/ogg");
        whisper->script({200, QStringLiteral("1 iodised salt bhej do")});
        QSignalSpy handled(&h->engine().agent(), &Agent::handled);
        SD_TAKE(kept, h->run([&](Store &s) -> Result<Message> {
            return s.transact([&]() -> Result<Message> {
                auto m = s.conversations().appendMessage(tenant, voice);
                if (!m)
                    return m;
                if (Status queued = s.botQueue().enqueue(tenant, {m->id}); !queued)
                    return Result<Message>::failure(queued);
                return m;
            });
        }));
        h->engine().resumeMedia(); // what the engine does at start
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const auto &args : handled) {
                    const auto o = args.at(2).value<AgentTurn::Outcome>();
                    if (o.reply.contains(QLatin1String("Iodised Salt")))
                        return true;
                }
                return false;
            },
            30000));
        QCOMPARE(MediaReading::of(*stored(QStringLiteral("wamid.left-behind"))).text,
                 QStringLiteral("1 iodised salt bhej do"));
        QCOMPARE(stored(QStringLiteral("wamid.left-behind"))->mediaState, QStringLiteral("ready"));
        Q_UNUSED(kept);
    }

    void unsureTranscriptGoesToAPerson()
    {
        metaApi->setMedia(ogg, "audio/ogg");
        FakeTranscriptionServer::Scripted mumble{200, QStringLiteral("do kilo ... haan")};
        mumble.avgLogprob = -1.6;
        mumble.noSpeechProb = 0.4;
        whisper->script(mumble);
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("voice")),
                                 QStringLiteral("919811100004")));
        QCOMPARE(turn.decision, QStringLiteral("escalate"));
        QVERIFY2(turn.reason.contains(QLatin1String("unsure")), qPrintable(turn.reason));
        QVERIFY(turn.reason.contains(QLatin1String("do kilo")));
    }

    void withoutAVoiceServiceAPersonListens()
    {
        SD_VERIFY_OK(setTranscription(QString()));
        metaApi->setMedia(ogg, "audio/ogg");
        const int asked = int(whisper->requests().size());
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("voice")),
                                 QStringLiteral("919811100005")));
        SD_VERIFY_OK(setTranscription(whisper->baseUrl()));
        QCOMPARE(turn.decision, QStringLiteral("escalate"));
        QVERIFY2(turn.reason.contains(QLatin1String("no voice service is set up")),
                 qPrintable(turn.reason));
        QCOMPARE(int(whisper->requests().size()), asked);
    }

    void photoOfAListBecomesACart()
    {
        const QStringList list{QStringLiteral("2 Brown Eggs"), QStringLiteral("3 Toor Dal"),
                               QStringLiteral("1 Fortune Mustard Oil"),
                               QStringLiteral("2 Iodised Salt"),
                               QStringLiteral("1 Blue Unicorn Jam")};
        metaApi->setMedia(ShoppingListImage::jpeg(list, ShoppingListImage::Look::Photographed),
                          "image/jpeg");
        QString wamid;
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("image")),
                                 QStringLiteral("919811100006"), &wamid));
        QCOMPARE(turn.decision, QStringLiteral("reply"));
        // It says what it read and what is in the cart, asks which toor dal (the shop has two),
        // and says what it could not find.
        QVERIFY2(turn.reply.startsWith(QLatin1String("I read 5 items on your list.")),
                 qPrintable(turn.reply));
        for (const char *name :
             {"Brown Eggs", "Mustard Oil", "Iodised Salt", "Which Toor Dal", "Unicorn"})
            QVERIFY2(turn.reply.contains(QLatin1String(name)), qPrintable(turn.reply));
        const MediaReading kept = MediaReading::of(*stored(wamid));
        QCOMPARE(kept.by, QStringLiteral("photo"));
        QVERIFY2(kept.text.contains(QLatin1String("Toor Dal")), qPrintable(kept.text));
        QVERIFY(kept.engine.startsWith(QLatin1String("tesseract")));
        qInfo("photo read in %.0f ms", kept.ms);
    }

    void blankPhotoHandsOver()
    {
        metaApi->setMedia(ShoppingListImage::blank(), "image/jpeg");
        const auto turn =
            turnFor(fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("image")),
                                 QStringLiteral("919811100007")));
        QCOMPARE(turn.decision, QStringLiteral("escalate"));
        QVERIFY2(turn.reason.startsWith(QLatin1String("photo: please look")),
                 qPrintable(turn.reason));
        QVERIFY2(turn.reply.contains(QLatin1String("photo")), qPrintable(turn.reply));
    }

    void documentsAndVideosGoToAPerson_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("document") << QStringLiteral("document")
                                  << QStringLiteral("document: please look");
        QTest::newRow("video") << QStringLiteral("video") << QStringLiteral("video: please look");
        QTest::newRow("location") << QStringLiteral("current_location")
                                  << QStringLiteral("location: please look");
    }

    void documentsAndVideosGoToAPerson()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        if (kind == QLatin1String("document"))
            metaApi->setMedia(QByteArray("%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"),
                              "application/pdf");
        if (kind == QLatin1String("video"))
            metaApi->setMedia(QByteArray(8, '\0') + QByteArray("ftypmp42") + QByteArray(64, 'v'),
                              "video/mp4");
        const auto turn = turnFor(fromCustomer(fixture(QStringLiteral("message.json"), kind),
                                               QStringLiteral("9198111001%1").arg(10 + counter)));
        QCOMPARE(turn.decision, QStringLiteral("escalate"));
        QVERIFY2(turn.reason.startsWith(reason), qPrintable(turn.reason));
    }

    // "Which toor dal?" goes as WhatsApp's list; the customer's tap on row 2 (Meta's list_reply)
    // is taken like "2", the cart comes with Yes / No buttons, and the tap on Yes places it.
    // While the bot answers, Meta is told the message is read and the bot typing.
    void aListAndButtonsCarryTheOrder()
    {
        const QString from = QStringLiteral("919811100040");
        QString wamid;
        int sent = int(metaApi->sends().size());
        auto turn = turnFor(textFrom(from, QStringLiteral("please send 3 toor dal"), &wamid));
        QVERIFY2(turn.reply.startsWith(QLatin1String("Which toor dal")), qPrintable(turn.reply));
        QVERIFY(matchesGolden(lastSendTo(from, sent), QStringLiteral("list-which-product.json")));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &r : metaApi->readMarks()) {
                    QJsonObject b = QJsonDocument::fromJson(r.body).object();
                    if (b.value(QLatin1String("message_id")).toString() == wamid) {
                        b.insert(QStringLiteral("message_id"), QStringLiteral("<the customer's"
                                                                              " message>"));
                        return matchesGolden(b, QStringLiteral("read-and-typing.json"));
                    }
                }
                return false;
            }(),
            10000);

        sent = int(metaApi->sends().size());
        turn =
            turnFor(tapFrom(from, QStringLiteral("callback_selection.json"),
                            QStringLiteral("callback"), QStringLiteral("list_reply"),
                            QStringLiteral("choice:2"), QStringLiteral("2. Loose Toor Dal 1 kg")));
        QVERIFY2(turn.reply.contains(QLatin1String("Loose Toor Dal")) &&
                     turn.reply.contains(QLatin1String("Total")),
                 qPrintable(turn.reply));
        QVERIFY(matchesGolden(lastSendTo(from, sent), QStringLiteral("buttons-confirm.json")));

        turn = turnFor(tapFrom(from, QStringLiteral("callback_button.json"),
                               QStringLiteral("button"), QStringLiteral("button_reply"),
                               QStringLiteral("confirm:yes"), QStringLiteral("Yes, place it")));
        QVERIFY2(turn.orderId > 0, qPrintable(turn.reply));
        QVERIFY2(turn.reply.contains(QLatin1String("Loose Toor Dal")), qPrintable(turn.reply));
    }

    void stickersNeedNoAnswer()
    {
        metaApi->setMedia(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) + QByteArray(32, 'w'),
                          "image/webp");
        const auto turn = turnFor(
            fromCustomer(fixture(QStringLiteral("message.json"), QStringLiteral("static_sticker")),
                         QStringLiteral("919811100020")));
        QCOMPARE(turn.decision, QStringLiteral("silent"));
    }
};

QTEST_MAIN(TestMediaMessages)
#include "tst_media_messages.moc"
