#include "EngineHarness.h"
#include "TestSupport.h"
#include "agent/Agent.h"
#include "agent/ReminderSender.h"
#include "demo/DemoStoreLoader.h"
#include "messaging/SimulatorPhone.h"
#include "storage/SqlBackend.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// The bot without a language model, end to end in a running engine on the demo store: a
// customer writes on the simulator channel, the bot answers through the outbox, orders are
// created, changed and cancelled, the chat is handed to a person with the reason, and the bot
// stays silent in a chat a person owns. On SQLite and PostgreSQL.
class AgentTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    qint64 tenant = 0;
    Channel channel;

    // The customer writes; returns what the bot decided.
    AgentTurn::Outcome say(const QString &from, const QString &text)
    {
        return h->sayToBot(channel.id, from, QStringLiteral("Ravi"), text);
    }

    Conversation conversationOf(const QString &phone)
    {
        auto list = h->run([this](Store &s) { return s.conversations().summaries(tenant); });
        for (const ConversationSummary &c : list.value()) {
            if (c.contactPhone.endsWith(phone.mid(1)))
                return c.conversation;
        }
        return {};
    }

    // The customer takes goods on credit: they owe the store this much.
    bool owes(qint64 contactId, qint64 minor)
    {
        LedgerEntry credit;
        credit.tenantId = tenant;
        credit.contactId = contactId;
        credit.amountMinor = minor;
        credit.note = QStringLiteral("credit");
        return bool(h->run([&](Store &s) { return s.ledger().record(tenant, credit); }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        qRegisterMetaType<ReminderSender::Report>();
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        auto demo = h->run([](Store &s) { return DemoStoreLoader::load(s); });
        QVERIFY2(demo, qPrintable(demo.error()));
        tenant = demo->tenantId;
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
    }

    void orderFromChatConfirmChangeCancel()
    {
        const QString phone = QStringLiteral("+919800000001");
        auto cart = say(phone, QStringLiteral("2 dozen ande aur 1 litre amul milk bhej do"));
        QCOMPARE(cart.decision, QStringLiteral("reply"));
        QVERIFY2(cart.reply.contains(QStringLiteral("₹236")), qPrintable(cart.reply));
        QCOMPARE(cart.trace.value(QStringLiteral("intent"))
                     .toObject()
                     .value(QStringLiteral("label"))
                     .toString(),
                 QStringLiteral("place_order"));
        QVERIFY(cart.traceId > 0);

        auto placed = say(phone, QStringLiteral("haan ji"));
        QCOMPARE(placed.decision, QStringLiteral("reply"));
        QVERIFY(placed.orderId > 0);
        QVERIFY2(placed.reply.contains(QStringLiteral("#%1").arg(placed.orderId)),
                 qPrintable(placed.reply));
        const Conversation c = conversationOf(phone);
        auto order = h->run([&](Store &s) { return s.catalog().latestOrder(tenant, c.contactId); });
        QVERIFY(order && order->has_value());
        QCOMPARE(order->value().status, QStringLiteral("confirmed"));
        QCOMPARE(order->value().totalMinor, 23600);
        QCOMPARE(order->value().lines.size(), 2);

        auto status = say(phone, QStringLiteral("mera order kab aayega"));
        QVERIFY2(status.reply.contains(QStringLiteral("confirmed")), qPrintable(status.reply));

        auto cancelled = say(phone, QStringLiteral("please cancel my order"));
        QVERIFY2(cancelled.reply.contains(QStringLiteral("cancel")), qPrintable(cancelled.reply));
        order = h->run([&](Store &s) { return s.catalog().latestOrder(tenant, c.contactId); });
        QCOMPARE(order->value().status, QStringLiteral("cancelled"));

        // Every answer went out through the outbox as the bot's message.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int bot = 0;
                for (const Message &m : h->messages(tenant))
                    bot += m.conversationId == c.id && m.author == Author::Bot ? 1 : 0;
                return bot == 4;
            }(),
            10000);
        auto traces = h->run([&](Store &s) { return s.agent().traces(tenant, c.id); });
        QCOMPARE(traces->size(), 4);
        const QJsonObject last = QJsonDocument::fromJson(traces->first().json).object();
        QCOMPARE(last.value(QStringLiteral("decision")).toString(), QStringLiteral("reply"));
        QVERIFY(!last.value(QStringLiteral("steps")).toArray().isEmpty());
    }

    // The customer's cart is priced, then another order takes the last of it before they say
    // yes: the bot says so and keeps the cart; no order, and the stock never goes below zero.
    void theLastOfItSoldWhileTheCustomerDecided()
    {
        const QString phone = QStringLiteral("+919800000009");
        auto cart = say(phone, QStringLiteral("1 litre amul milk please"));
        QVERIFY2(cart.reply.contains(QStringLiteral("Shall I place it")), qPrintable(cart.reply));
        qint64 product = 0;
        for (const QJsonValue &t : cart.trace.value(QStringLiteral("tools")).toArray())
            if (t[QLatin1String("tool")].toString() == QLatin1String("check_stock"))
                product = t[QLatin1String("arguments")][QLatin1String("product_id")].toInteger();
        QVERIFY(product > 0);
        SD_TAKE(products, h->run([&](Store &s) { return s.catalog().products(tenant); }));
        const auto it = std::find_if(products.begin(), products.end(),
                                     [&](const Product &p) { return p.id == product; });
        QVERIFY(it != products.end() && it->stock >= 1);
        // Someone at the counter buys every one left.
        Order counter;
        SD_TAKE(walkIn, h->run([&](Store &s) {
            return s.conversations().upsertContact(tenant, QStringLiteral("+919800000010"),
                                                   QStringLiteral("Counter"));
        }));
        counter.contactId = walkIn.id;
        counter.status = QStringLiteral("confirmed");
        counter.takenBy = QStringLiteral("person");
        counter.lines.append({0, product, it->name, it->stock, {}, it->priceMinor, 0});
        SD_VERIFY_OK(h->run([&](Store &s) { return s.catalog().addOrder(tenant, counter); }));

        auto yes = say(phone, QStringLiteral("yes"));
        QCOMPARE(yes.orderId, qint64(0));
        QVERIFY2(yes.reply.contains(QStringLiteral("someone else just bought it")) &&
                     yes.reply.contains(QStringLiteral("sold out")) &&
                     yes.reply.contains(QStringLiteral("cart is kept")),
                 qPrintable(yes.reply));
        const Conversation c = conversationOf(phone);
        SD_TAKE(latest,
                h->run([&](Store &s) { return s.catalog().latestOrder(tenant, c.contactId); }));
        QVERIFY(!latest.has_value());
        SD_TAKE(after, h->run([&](Store &s) { return s.catalog().products(tenant); }));
        for (const Product &p : after)
            if (p.id == product)
                QCOMPARE(p.stock, 0.0);
    }

    void unclearItemAsksThenTakesTheAnswer()
    {
        const QString phone = QStringLiteral("+919800000002");
        auto asked = say(phone, QStringLiteral("2 milk"));
        QVERIFY2(asked.reply.contains(QLatin1String("1)")) &&
                     asked.reply.contains(QLatin1String("2)")),
                 qPrintable(asked.reply));
        auto cart = say(phone, QStringLiteral("2"));
        QVERIFY2(cart.reply.contains(QLatin1String("Total")), qPrintable(cart.reply));
        auto kept = say(phone, QStringLiteral("no"));
        QVERIFY2(!kept.reply.isEmpty() && kept.orderId == 0, qPrintable(kept.reply));
    }

    void storeFactsComeFromSettings()
    {
        auto hours = say(QStringLiteral("+919800000003"), QStringLiteral("dukan kab khulti hai"));
        QVERIFY2(hours.reply.contains(QLatin1String("7:00 am")), qPrintable(hours.reply));
        auto delivery =
            say(QStringLiteral("+919800000003"), QStringLiteral("what is the delivery charge"));
        QVERIFY2(delivery.reply.contains(QStringLiteral("₹30")), qPrintable(delivery.reply));
    }

    void askingForAPersonHandsOverAndTheBotGoesQuiet()
    {
        const QString phone = QStringLiteral("+919800000004");
        auto handover = say(phone, QStringLiteral("I want to speak to a real person"));
        QCOMPARE(handover.decision, QStringLiteral("escalate"));
        QVERIFY(handover.reply.contains(QLatin1String("passing your chat")));
        const Conversation c = conversationOf(phone);
        QVERIFY(c.needsHuman);
        QVERIFY(c.escalationReason.contains(QLatin1String("asked for a person")));
        auto after = say(phone, QStringLiteral("hello?"));
        QCOMPARE(after.decision, QStringLiteral("silent"));
        QVERIFY(after.reply.isEmpty());
    }

    void outOfScopeTwiceHandsOver()
    {
        const QString phone = QStringLiteral("+919800000006");
        auto first = say(phone, QStringLiteral("who won the cricket match yesterday"));
        QCOMPARE(first.decision, QStringLiteral("reply"));
        QVERIFY2(first.reply.contains(QLatin1String("I can help with orders")),
                 qPrintable(first.reply));
        QVERIFY(
            first.trace.contains(QStringLiteral("knowledge"))); // the documents were asked first
        auto second = say(phone, QStringLiteral("tell me a joke about cricket"));
        QCOMPARE(second.decision, QStringLiteral("escalate"));
        QVERIFY(second.reason.contains(QLatin1String("twice in a row")));

        // A store that wants a person at the first misunderstanding sets it so.
        QVERIFY(h->run([this](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("escalation.misunderstandings"),
                                          QStringLiteral("1"));
        }));
        auto strict = say(QStringLiteral("+919800000009"),
                          QStringLiteral("who won the cricket match yesterday"));
        QCOMPARE(strict.decision, QStringLiteral("escalate"));
        QVERIFY(strict.reason.contains(QLatin1String("did not understand")));
        QVERIFY(h->run([this](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("escalation.misunderstandings"),
                                          QString());
        }));
    }

    void aPersonOwnsTheChat()
    {
        const QString phone = QStringLiteral("+919800000005");
        say(phone, QStringLiteral("hi"));
        const Conversation c = conversationOf(phone);
        auto ops = h->run([&](Store &s) { return s.operators().list(tenant); });
        auto taken = h->run([&](Store &s) {
            return s.conversations().setOwner(tenant, c.id, OwnerKind::Human, ops->first().id);
        });
        QVERIFY(taken);
        auto quiet = say(phone, QStringLiteral("2 bread bhej do"));
        QCOMPARE(quiet.decision, QStringLiteral("silent"));
        QVERIFY(quiet.reason.contains(QLatin1String("person")));
    }

    void aPromiseToPayBecomesAReminder()
    {
        const QString phone = QStringLiteral("+919800000008");
        say(phone, QStringLiteral("namaste"));
        const Conversation c = conversationOf(phone);
        QVERIFY(owes(c.contactId, 30000));
        auto promise = say(phone, QStringLiteral("main kal payment kar dunga"));
        QCOMPARE(promise.decision, QStringLiteral("reply"));
        QVERIFY2(promise.reply.contains(QStringLiteral("₹300")) &&
                     promise.reply.contains(QLatin1String("yaad dila")),
                 qPrintable(promise.reply));
        auto reminders = h->run([&](Store &s) { return s.agent().reminders(tenant); });
        const auto mine = std::find_if(reminders->cbegin(), reminders->cend(),
                                       [&](const Reminder &r) { return r.conversationId == c.id; });
        QVERIFY(mine != reminders->cend());
        QCOMPARE(mine->state, QStringLiteral("scheduled"));
        QCOMPARE(mine->amountMinor, 30000);
        const qint64 hours = QDateTime::currentDateTimeUtc().secsTo(mine->dueAt) / 3600;
        QVERIFY2(hours >= 23 && hours <= 24, qPrintable(QString::number(hours)));
        bool traced = false;
        for (const QJsonValue &t : promise.trace.value(QStringLiteral("tools")).toArray())
            traced = traced ||
                     t[QStringLiteral("tool")].toString() == QLatin1String("schedule_reminder");
        QVERIFY(traced);
        // Only a promise schedules one: asking the balance does not.
        auto asked = say(phone, QStringLiteral("mera kitna baki hai"));
        QVERIFY2(asked.reply.contains(QStringLiteral("₹300")), qPrintable(asked.reply));
        QCOMPARE(h->run([&](Store &s) { return s.agent().reminders(tenant); })->size(),
                 reminders->size());
    }

    void paymentRemindersGoAsTextInsideTheWindowAndAsATemplateOutside()
    {
        const QString phone = QStringLiteral("+919800000007");
        say(phone, QStringLiteral("hi"));
        const Conversation c = conversationOf(phone);
        QVERIFY(owes(c.contactId, 45000));
        const auto remind = [&](int dueInSeconds) {
            Reminder r;
            r.tenantId = tenant;
            r.contactId = c.contactId;
            r.conversationId = c.id;
            r.dueAt = QDateTime::currentDateTimeUtc().addSecs(dueInSeconds);
            r.amountMinor = 45000;
            r.body = QStringLiteral("A reminder from the store: ₹450 is due.");
            return h->run([&](Store &s) { return s.agent().addReminder(r); }).value().id;
        };
        const auto stateOf = [&](qint64 id) {
            auto all = h->run([&](Store &s) { return s.agent().reminders(tenant); });
            for (const Reminder &r : all.value())
                if (r.id == id)
                    return r.state;
            return QString();
        };
        const auto botMessages = [&] {
            QList<Message> list;
            for (const Message &m : h->messages(tenant))
                if (m.conversationId == c.id && m.author == Author::Bot)
                    list << m;
            return list;
        };

        const qint64 later = remind(3600);
        const qint64 now = remind(-60);
        const qsizetype before = botMessages().size();
        h->engine().reminders().sendDue();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(now), QStringLiteral("sent"), 10000);
        QCOMPARE(stateOf(later), QStringLiteral("scheduled")); // not due yet
        QTRY_COMPARE_WITH_TIMEOUT(botMessages().size(), before + 1, 10000);
        QCOMPARE(botMessages().last().type, QStringLiteral("text"));
        QVERIFY(botMessages().last().body.contains(QStringLiteral("₹450")));

        // The customer last wrote two days ago: the window is closed, so it goes as a template.
        auto aged = h->run([&](Store &s) {
            s.backend().exec(
                QStringLiteral("UPDATE conversations SET last_customer_message_at = ? "
                               "WHERE tenant_id = ? AND id = ?"),
                {QDateTime::currentDateTimeUtc().addDays(-2).toMSecsSinceEpoch(), tenant, c.id});
            return success();
        });
        QVERIFY(aged);
        const qint64 outside = remind(-30);
        QSignalSpy finished(&h->engine().reminders(), &ReminderSender::finished);
        h->engine().reminders().sendDue();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(outside), QStringLiteral("sent"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(botMessages().size(), before + 2, 10000);
        QCOMPARE(botMessages().last().type, QStringLiteral("template"));
        QTRY_VERIFY(!finished.isEmpty());
        // Sent once: another pass finds nothing more to send.
        finished.clear();
        h->engine().reminders().sendDue();
        QTRY_VERIFY(!finished.isEmpty());
        QCOMPARE(finished.last().at(0).value<ReminderSender::Report>().sent, 0);
        QCOMPARE(botMessages().size(), before + 2);

        // A chat with no WhatsApp number behind it (a demo chat): marked failed, with the reason.
        auto chats = h->run([this](Store &s) { return s.conversations().summaries(tenant); });
        Conversation unconnected;
        for (const ConversationSummary &cs : chats.value())
            if (cs.conversation.channelId == 0)
                unconnected = cs.conversation;
        QVERIFY(unconnected.id > 0);
        Reminder r;
        r.tenantId = tenant;
        r.contactId = unconnected.contactId;
        r.conversationId = unconnected.id;
        r.dueAt = QDateTime::currentDateTimeUtc().addSecs(-5);
        r.amountMinor = 10000;
        r.body = QStringLiteral("₹100 is due.");
        // Owed, or the reminder would be cancelled as paid up before anything is tried.
        SD_VERIFY_OK(h->run([&](Store &s) {
            LedgerEntry owed;
            owed.contactId = unconnected.contactId;
            owed.amountMinor = 10000;
            return s.ledger().record(tenant, owed);
        }));
        const qint64 failing = h->run([&](Store &s) { return s.agent().addReminder(r); })->id;
        finished.clear();
        h->engine().reminders().sendDue();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(failing), QStringLiteral("failed"), 10000);
        QTRY_VERIFY(!finished.isEmpty());
        auto all = h->run([&](Store &s) { return s.agent().reminders(tenant); });
        for (const Reminder &x : all.value())
            if (x.id == failing)
                QVERIFY2(x.error.contains(QLatin1String("not connected to a WhatsApp number")),
                         qPrintable(x.error));
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_GUILESS_MAIN(AgentTest)
#include "tst_agent.moc"
