#include "EngineHarness.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "conversation/ConversationService.h"
#include "conversation/OutgoingFile.h"
#include "domain/LedgerEntry.h"
#include "messaging/SimulatorPhone.h"
#include "storage/SqlSupport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// What the operator's composer and inbox rely on, against a running engine with the bot on:
// sending a file (checked against WhatsApp's types and sizes, copied into the data folder, sent
// and taking the chat over), the customer's balance for {balance}, the store's labels with
// colours and quick replies with files, and full-text search over message text, tenant-scoped.
// On SQLite and PostgreSQL.
class InboxToolsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    QTemporaryDir files;
    qint64 tenant = 0;
    qint64 operatorId = 0; // Meena, an agent
    qint64 managerId = 0;  // Ravi
    Channel channel;
    QStringList phoneReceived;
    int nextPhone = 0;

    ConversationService &service() { return h->engine().conversations(); }

    // A new customer's chat (the bot answered once).
    Conversation newChat(const QString &text, qint64 inTenant = 0, const Channel *on = nullptr)
    {
        const QString phone = QStringLiteral("9197%1").arg(30000000 + ++nextPhone);
        h->sayToBot(on ? on->id : channel.id, phone, QStringLiteral("Asha Rao"), text);
        auto c = h->run([&](Store &s) -> Result<Conversation> {
            const qint64 t = inTenant ? inTenant : tenant;
            auto contact = s.conversations().upsertContact(t, phone, QString());
            if (!contact)
                return Result<Conversation>::failure(contact.error());
            return s.conversations().openConversation(t, contact->id, on ? on->id : channel.id);
        });
        return c ? c.value() : Conversation{};
    }

    // A file of `bytes` bytes that starts like the given type.
    QString makeFile(const QString &name, const QByteArray &magic, qint64 bytes)
    {
        const QString path = files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(magic);
        f.write(QByteArray(bytes - magic.size(), 'x'));
        return path;
    }
    static QByteArray png() { return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452"); }

    Result<HumanReply> sendFile(const Conversation &chat, const QString &path,
                                const QString &caption)
    {
        OutboundDraft draft{tenant, chat.id, Author::Human, operatorId};
        draft.caption = caption;
        return answerOf<HumanReply>(
            [&](auto done) { service().sendFile(draft, path, true, this, std::move(done)); });
    }

    int outboxRows()
    {
        auto n = h->run([&](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE tenant_id = ?"),
                           {tenant})
                    .first()[0]
                    .toInt();
            });
        });
        return n ? n.value() : -1;
    }

    Result<QList<qint64>> search(const QString &text, qint64 inTenant = 0)
    {
        return answerOf<QList<qint64>>([&](auto done) {
            service().searchMessages(inTenant ? inTenant : tenant, text, this, std::move(done));
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        QVERIFY(files.isValid());
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        tenant = h->addTenant(QStringLiteral("asha"));
        QVERIFY(tenant > 0);
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        auto op = h->run([&](Store &s) {
            Operator meena;
            meena.name = QStringLiteral("Meena");
            return s.operators().add(tenant, meena);
        });
        QVERIFY2(op, qPrintable(op.error()));
        operatorId = op->id;
        auto manager = h->run([&](Store &s) {
            Operator ravi;
            ravi.name = QStringLiteral("Ravi");
            ravi.role = OperatorRole::Manager;
            return s.operators().add(tenant, ravi);
        });
        QVERIFY2(manager, qPrintable(manager.error()));
        managerId = manager->id;
        connect(&h->engine().simulator(), &SimulatorPhone::received, this,
                [this](qint64, const QString &, const QString &text) { phoneReceived << text; });
        QVERIFY(h->settle());
    }

    void aPhotoIsCopiedSentAndTakesTheChatOver()
    {
        const Conversation chat = newChat(QStringLiteral("hello"));
        QVERIFY(chat.id > 0);
        const QString qr = makeFile(QStringLiteral("upi-qr.png"), png(), 2048);
        SD_TAKE(sent, sendFile(chat, qr, QStringLiteral("Scan to pay")));
        QCOMPARE(sent.message.type, QStringLiteral("image"));
        QCOMPARE(sent.message.body, QStringLiteral("Scan to pay"));
        QVERIFY(sent.takeover.has_value());
        // The copy lives in the data folder and is what the chat shows (by its path there).
        QVERIFY2(sent.message.mediaRef.startsWith(QStringLiteral("media/%1/sent/").arg(tenant)),
                 qPrintable(sent.message.mediaRef));
        const QString kept = QDir(h->dataDir()).filePath(sent.message.mediaRef);
        QVERIFY(QFile::exists(kept));
        SD_TAKE(opened, answerOf<QString>([&](auto done) {
                    service().mediaFile(tenant, sent.message.mediaRef, this, std::move(done));
                }));
        QCOMPARE(opened, kept);
        QVERIFY(QFile::remove(qr)); // the original may go; the message does not need it
        QVERIFY(QTest::qWaitFor(
            [&] { return phoneReceived.contains(QStringLiteral("[image] Scan to pay")); }, 10000));
        auto stored =
            h->run([&](Store &s) { return s.conversations().conversation(tenant, chat.id); });
        QCOMPARE(stored->owner, OwnerKind::Human);
        QCOMPARE(stored->ownerOperatorId, operatorId);
    }

    void aDocumentKeepsItsName()
    {
        const Conversation chat = newChat(QStringLiteral("price list please"));
        const QString pdf =
            makeFile(QStringLiteral("Price list.pdf"), QByteArrayLiteral("%PDF-1.4\n"), 4096);
        SD_TAKE(sent, sendFile(chat, pdf, QString()));
        QCOMPARE(sent.message.type, QStringLiteral("document"));
        auto payload = h->run([&](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT payload FROM outbox WHERE tenant_id = ? AND "
                                          "message_id = ?"),
                           {tenant, sent.message.id})
                    .first()[0]
                    .toString();
            });
        });
        QVERIFY(payload);
        QVERIFY2(payload->contains(QLatin1String("\"file_name\":\"Price list.pdf\"")),
                 qPrintable(payload.value()));
    }

    void filesWhatsAppRefusesAreRefusedInWords()
    {
        const Conversation chat = newChat(QStringLiteral("hi"));
        const int before = outboxRows();
        const QString big = makeFile(QStringLiteral("big.png"), png(), 6 * 1024 * 1024);
        auto refused = sendFile(chat, big, QStringLiteral("too big"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("WhatsApp accepts a photo of at most")),
                 qPrintable(refused.error()));
        auto missing = sendFile(chat, files.filePath(QStringLiteral("gone.png")), QString());
        QVERIFY(!missing);
        QVERIFY(missing.error().contains(QLatin1String("does not exist")));
        const QString empty = makeFile(QStringLiteral("empty.pdf"), QByteArray(), 0);
        auto nothing = sendFile(chat, empty, QString());
        QVERIFY(!nothing);
        QVERIFY(nothing.error().contains(QLatin1String("empty")));
        // Nothing was queued, nothing was copied, and the bot still has the chat.
        QCOMPARE(outboxRows(), before);
        auto stored =
            h->run([&](Store &s) { return s.conversations().conversation(tenant, chat.id); });
        QCOMPARE(stored->owner, OwnerKind::Bot);
        QCOMPARE(OutgoingFile::mediaTypeFor(QStringLiteral("image/webp")),
                 QStringLiteral("document"));
        QCOMPARE(OutgoingFile::mediaTypeFor(QStringLiteral("audio/ogg")), QStringLiteral("audio"));
    }

    void theBalanceIsWhatTheCustomerOwes()
    {
        const Conversation chat = newChat(QStringLiteral("hello"));
        auto balance = [&] {
            return answerOf<QString>([&](auto done) {
                service().customerBalance(tenant, chat.id, this, std::move(done));
            });
        };
        SD_TAKE(none, balance());
        QCOMPARE(none, QStringLiteral("₹0"));
        auto added = h->run([&](Store &s) {
            LedgerEntry credit;
            credit.contactId = chat.contactId;
            credit.kind = LedgerEntry::Kind::Credit;
            credit.amountMinor = 35050;
            if (auto r = s.ledger().record(tenant, credit); !r)
                return Status::failure(r.error());
            LedgerEntry paid = credit;
            paid.kind = LedgerEntry::Kind::Payment;
            paid.amountMinor = 10000;
            auto r = s.ledger().record(tenant, paid);
            return r ? Status(Done{}) : Status::failure(r.error());
        });
        QVERIFY2(added, qPrintable(added.error()));
        SD_TAKE(owed, balance());
        QCOMPARE(owed, QStringLiteral("₹250.50"));
    }

    void labelsAndQuickRepliesRoundTrip()
    {
        SD_TAKE(defaults, answerOf<InboxSettings>([&](auto done) {
                    service().inboxSettings(tenant, this, std::move(done));
                }));
        QCOMPARE(defaults.labels.size(), 5);
        QVERIFY(defaults.colorOf(QStringLiteral("Paid")).startsWith(QLatin1Char('#')));

        InboxSettings mine;
        mine.labels = {QStringLiteral("VIP"), QStringLiteral("Udhaar")};
        mine.labelColors = {{QStringLiteral("VIP"), QStringLiteral("#aa0000")}};
        const QString qr = makeFile(QStringLiteral("qr.png"), png(), 1000);
        mine.quickReplies = {{QStringLiteral("pay"), QStringLiteral("Pay {balance} here"), qr},
                             {QStringLiteral("hi"), QStringLiteral("Hello {name}"), QString()}};
        QSignalSpy changed(&service(), &ConversationService::inboxSettingsChanged);
        // Labels and quick replies are a manager's: the engine refuses an agent.
        auto agent = answerOf<Done>([&](auto done) {
            service().saveInboxSettings(tenant, operatorId, mine, this, std::move(done));
        });
        QCOMPARE(agent.errorKind(), ErrorKind::Forbidden);
        SD_VERIFY_OK(answerOf<Done>([&](auto done) {
            service().saveInboxSettings(tenant, managerId, mine, this, std::move(done));
        }));
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(changed.first().at(0).toLongLong(), tenant);
        SD_TAKE(back, answerOf<InboxSettings>([&](auto done) {
                    service().inboxSettings(tenant, this, std::move(done));
                }));
        QCOMPARE(back.labels, mine.labels);
        QCOMPARE(back.colorOf(QStringLiteral("VIP")), QStringLiteral("#aa0000"));
        QVERIFY(back.colorOf(QStringLiteral("Udhaar")).startsWith(QLatin1Char('#')));
        QCOMPARE(back.quickReplies, mine.quickReplies);

        // Refused, in words, and nothing changes.
        InboxSettings bad = mine;
        bad.quickReplies.append({QStringLiteral("Pay"), QStringLiteral("again"), QString()});
        auto refused = answerOf<Done>([&](auto done) {
            service().saveInboxSettings(tenant, managerId, bad, this, std::move(done));
        });
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("/Pay")), qPrintable(refused.error()));
        bad = mine;
        bad.labels << QStringLiteral("vip");
        QVERIFY(bad.validate().contains(QLatin1String("twice")));
        bad = mine;
        bad.quickReplies.first().shortcut = QStringLiteral("pay now");
        QVERIFY(bad.validate().contains(QLatin1String("one word")));
        SD_TAKE(still, answerOf<InboxSettings>([&](auto done) {
                    service().inboxSettings(tenant, this, std::move(done));
                }));
        QCOMPARE(still.quickReplies.size(), 2);
    }

    void searchFindsWordsAndStaysInTheStore()
    {
        const Conversation butter = newChat(QStringLiteral("is Amul butter available today?"));
        const Conversation atta = newChat(QStringLiteral("2 kg aashirvaad atta bhejo"));
        SD_TAKE(prefix, search(QStringLiteral("amu butt")));
        QVERIFY(prefix.contains(butter.id));
        QVERIFY(!prefix.contains(atta.id));
        SD_TAKE(hinglish, search(QStringLiteral("ATTA bhejo")));
        QVERIFY(hinglish.contains(atta.id));
        QVERIFY(!hinglish.contains(butter.id));
        SD_TAKE(nothing, search(QStringLiteral("paneer")));
        QVERIFY(!nothing.contains(butter.id) && !nothing.contains(atta.id));
        // Search syntax typed by a person is just text, never an error.
        for (const QString &odd : {QStringLiteral("\"amul\" OR *"), QStringLiteral("a & b | !c"),
                                   QStringLiteral("'; DROP TABLE messages; --"),
                                   QStringLiteral("₹"), QStringLiteral("NEAR(amul)")})
            SD_VERIFY_OK(search(odd));
        // Another store's chats never show.
        const qint64 other = h->addTenant(QStringLiteral("other"));
        const Channel otherChannel = h->addChannel(other, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
        const Conversation theirs =
            newChat(QStringLiteral("amul butter for the other shop"), other, &otherChannel);
        QVERIFY(theirs.id > 0);
        SD_TAKE(mineOnly, search(QStringLiteral("amul butter")));
        QVERIFY(!mineOnly.contains(theirs.id));
        SD_TAKE(theirsOnly, search(QStringLiteral("amul butter"), other));
        QCOMPARE(theirsOnly, QList<qint64>{theirs.id});
    }

    // Shared mode: a file chosen on one computer opens on another of the store's computers,
    // which has its own data folder, from the database; on SQLite a missing file says so.
    void aFileChosenHereOpensOnAnotherComputer()
    {
        const Conversation chat = newChat(QStringLiteral("send the menu"));
        const QByteArray bytes = png() + QByteArray(3000, 'x');
        const QString menu = makeFile(QStringLiteral("menu.png"), bytes, bytes.size());
        SD_TAKE(sent, sendFile(chat, menu, QStringLiteral("Menu")));
        const QString ref = sent.message.mediaRef;
        QVERIFY(QFile::remove(QDir(h->dataDir()).filePath(ref))); // gone from this computer
        if (!TestDatabases::postgresWanted()) {
            auto missing = answerOf<QString>(
                [&](auto done) { service().mediaFile(tenant, ref, this, std::move(done)); });
            QVERIFY(!missing.ok());
            QCOMPARE(missing.errorKind(), ErrorKind::NotFound);
            QVERIFY2(missing.error().contains(QLatin1String("not on this computer")),
                     qPrintable(missing.error()));
            return;
        }
        Engine::Options shared;
        shared.database = h->database();
        EngineHarness other(shared);
        QVERIFY(other.start());
        SD_TAKE(there, answerOf<QString>([&](auto done) {
                    other.engine().conversations().mediaFile(tenant, ref, this, std::move(done));
                }));
        QVERIFY2(there.startsWith(other.dataDir()), qPrintable(there));
        QFile file(there);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
        // This computer gets its copy back the same way.
        SD_TAKE(here, answerOf<QString>([&](auto done) {
                    service().mediaFile(tenant, ref, this, std::move(done));
                }));
        QCOMPARE(here, QDir(h->dataDir()).filePath(ref));
        // Another store cannot read it.
        const qint64 stranger = h->addTenant(QStringLiteral("stranger"));
        auto refused = answerOf<QString>([&](auto done) {
            other.engine().conversations().mediaFile(stranger, ref, this, std::move(done));
        });
        QVERIFY(!refused.ok());
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_GUILESS_MAIN(InboxToolsTest)
#include "tst_inbox_tools.moc"
