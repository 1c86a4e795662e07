#include "EngineHarness.h"
#include "FakeModelServer.h"
#include "TestSupport.h"
#include "agent/Agent.h"
#include "ai/ModelEndpoint.h"
#include "conversation/ConversationService.h"
#include "demo/DemoStoreLoader.h"
#include "knowledge/KnowledgeSettings.h"
#include "messaging/InboundProcessor.h"
#include "messaging/SimulatorPhone.h"
#include "storage/SqlSupport.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// Live takeover with a running engine (the bot on, a simulator channel, the demo store): a
// person takes a chat, the bot is silent in it at once, and answers again after a hand back;
// replies, notes, closing and reopening, the customer notices, automatic hand back; a model
// reply in flight at the takeover is dropped; and a randomized race of customer messages
// against takeovers and hand backs, checked against the outbox and what the customers' phones
// received. On SQLite and PostgreSQL.
class TakeoverTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    FakeModelServer model;
    qint64 tenant = 0;
    qint64 priya = 0;
    Channel channel;
    QStringList phoneReceived; // every text the simulator's customers received
    int nextPhone = 0;

    ConversationService &service() { return h->engine().conversations(); }

    QString newPhone() { return QStringLiteral("9198%1").arg(20000000 + ++nextPhone); }

    AgentTurn::Outcome say(const QString &phone, const QString &text)
    {
        return h->sayToBot(channel.id, phone, QStringLiteral("Ravi Kumar"), text);
    }

    Conversation chatOf(const QString &phone)
    {
        auto c = h->run([&](Store &s) -> Result<Conversation> {
            auto contact = s.conversations().upsertContact(tenant, phone, QString());
            if (!contact)
                return Result<Conversation>::failure(contact.error());
            return s.conversations().openConversation(tenant, contact->id, channel.id);
        });
        return c ? c.value() : Conversation{};
    }

    QList<Message> messagesOf(qint64 conversationId)
    {
        auto m = h->run([&](Store &s) {
            return s.conversations().latestMessages(tenant, conversationId, 100000);
        });
        return m ? m.value() : QList<Message>{};
    }

    int countBy(qint64 conversationId, Author author)
    {
        int n = 0;
        for (const Message &m : messagesOf(conversationId))
            n += m.author == author ? 1 : 0;
        return n;
    }

    // Waits for a service call and returns its answer.
    template<typename T, typename Call> Result<T> wait(Call call)
    {
        return answerOf<T>(std::move(call));
    }

    Result<OwnershipChange> takeOver(qint64 id, qint64 op)
    {
        return wait<OwnershipChange>(
            [&](auto done) { service().takeOver(tenant, id, op, this, std::move(done)); });
    }
    Result<OwnershipChange> handBack(qint64 id, qint64 op)
    {
        return wait<OwnershipChange>(
            [&](auto done) { service().handBack(tenant, id, op, this, std::move(done)); });
    }

    QSet<qint64> outboxMessageIds()
    {
        auto rows = h->run([&](Store &s) {
            return sql::guard([&] {
                QSet<qint64> ids;
                for (const SqlRow &r : s.backend().query(
                         QStringLiteral("SELECT message_id FROM outbox WHERE tenant_id = ?"),
                         {tenant}))
                    ids.insert(r[0].toLongLong());
                return ids;
            });
        });
        return rows ? rows.value() : QSet<qint64>{};
    }

    bool outboxDrained()
    {
        auto pending = h->run([&](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND "
                                          "state IN ('pending', 'sending')"),
                           {tenant})
                    .first()[0]
                    .toLongLong();
            });
        });
        return pending && pending.value() == 0;
    }

    void useModel(int delayMs)
    {
        Q_UNUSED(delayMs)
        ModelEndpoint e;
        e.baseUrl = model.baseUrl();
        e.model = QStringLiteral("shop-model");
        e.timeoutMs = 8000;
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, KnowledgeSettings::kChatKey, e.toJson());
        }));
    }

    void noModel()
    {
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, KnowledgeSettings::kChatKey, QString());
        }));
    }

    // Walks a chat's messages in commit order: a bot message between a takeover's line and the
    // next hand back's line is a broken guarantee.
    static int botMessagesWhileOwned(const QList<Message> &messages)
    {
        bool person = false;
        int broken = 0;
        for (const Message &m : messages) {
            if (m.author == Author::System && m.body.contains(QLatin1String(" took over")))
                person = true;
            else if (m.author == Author::System &&
                     m.body.contains(QLatin1String("handed the chat back")))
                person = false;
            else if (m.author == Author::Bot && person)
                ++broken;
        }
        return broken;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        QVERIFY(model.start() > 0);
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        auto demo = h->run([](Store &s) { return DemoStoreLoader::load(s); });
        QVERIFY2(demo, qPrintable(demo.error()));
        tenant = demo->tenantId;
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        auto ops = h->run([&](Store &s) { return s.operators().list(tenant); });
        QVERIFY(ops);
        for (const Operator &op : ops.value())
            if (op.name == QLatin1String("Priya Sharma"))
                priya = op.id;
        QVERIFY(priya > 0);
        connect(&h->engine().simulator(), &SimulatorPhone::received, this,
                [this](qint64, const QString &, const QString &text) { phoneReceived << text; });
        QVERIFY(h->settle());
    }

    void takeOverSilencesTheBotAndHandBackResumes()
    {
        const QString phone = newPhone();
        QCOMPARE(say(phone, QStringLiteral("hello")).decision, QStringLiteral("reply"));
        const Conversation chat = chatOf(phone);
        QSignalSpy owners(&service(), &ConversationService::ownerChanged);
        SD_TAKE(taken, takeOver(chat.id, priya));
        QVERIFY(taken.changed);
        QCOMPARE(taken.after.owner, OwnerKind::Human);
        QCOMPARE(taken.after.ownerOperatorId, priya);
        QCOMPARE(owners.size(), 1);
        QCOMPARE(taken.lines.first().body, QStringLiteral("Priya Sharma took over from the bot."));
        const int botBefore = countBy(chat.id, Author::Bot);

        const AgentTurn::Outcome quiet = say(phone, QStringLiteral("is amul butter available?"));
        QCOMPARE(quiet.decision, QStringLiteral("silent"));
        QCOMPARE(quiet.reason, QStringLiteral("a person owns this chat"));
        QCOMPARE(countBy(chat.id, Author::Bot), botBefore);

        // Taking one's own chat again changes nothing; another person cannot take it.
        SD_TAKE(again, takeOver(chat.id, priya));
        QVERIFY(!again.changed);
        auto ops = h->run([&](Store &s) { return s.operators().list(tenant); });
        qint64 imran = 0;
        for (const Operator &op : ops.value())
            if (op.name == QLatin1String("Imran Khan"))
                imran = op.id;
        auto refused = takeOver(chat.id, imran);
        QVERIFY(!refused);
        QVERIFY(refused.error().contains(QLatin1String("Priya Sharma is already answering")));

        SD_TAKE(back, handBack(chat.id, priya));
        QCOMPARE(back.after.owner, OwnerKind::Bot);
        QVERIFY(!back.after.needsHuman);
        // The bot answers the next message, and only that one: the message sent during the
        // takeover stays unanswered by the bot.
        QCOMPARE(say(phone, QStringLiteral("thanks")).decision, QStringLiteral("reply"));
        QCOMPARE(countBy(chat.id, Author::Bot), botBefore + 1);

        // Audit: who, what, from and to; system lines never went to the provider.
        auto audit = h->run([&](Store &s) { return s.audit().entries(tenant); });
        QStringList actions;
        for (const AuditEntry &a : audit.value())
            if (a.detail.contains(QStringLiteral("\"conversation\":%1").arg(chat.id)))
                actions << a.action + QLatin1Char('/') + QString::number(a.operatorId);
        QVERIFY(actions.contains(QStringLiteral("conversation.takeover/%1").arg(priya)));
        QVERIFY(actions.contains(QStringLiteral("conversation.handback/%1").arg(priya)));
        const QSet<qint64> sent = outboxMessageIds();
        for (const Message &m : messagesOf(chat.id))
            if (m.author == Author::System)
                QVERIFY(!sent.contains(m.id));
    }

    void aNeedsHumanChatIsHandedBackAndAnsweredAgain()
    {
        const QString phone = newPhone();
        say(phone, QStringLiteral("hello"));
        const Conversation chat = chatOf(phone);
        QVERIFY(h->run([&](Store &s) {
            return s.conversations().setNeedsHuman(tenant, chat.id, true,
                                                   QStringLiteral("asked for a person"));
        }));
        QCOMPARE(say(phone, QStringLiteral("hello?")).decision, QStringLiteral("silent"));
        SD_TAKE(back, handBack(chat.id, priya));
        QVERIFY(back.changed);
        QVERIFY(!back.after.needsHuman);
        QVERIFY(!back.after.needsHumanSince.isValid());
        QCOMPARE(say(phone, QStringLiteral("thanks")).decision, QStringLiteral("reply"));
    }

    void aReplyTakesOverUnlessAskedNot()
    {
        const QString phone = newPhone();
        say(phone, QStringLiteral("hello"));
        const Conversation chat = chatOf(phone);
        OutboundDraft draft;
        draft.tenantId = tenant;
        draft.conversationId = chat.id;
        draft.operatorId = priya;
        draft.text = QStringLiteral("Bot stays on for this one");
        auto alongside = wait<HumanReply>(
            [&](auto done) { service().reply(draft, false, this, std::move(done)); });
        QVERIFY2(alongside, qPrintable(alongside.error()));
        QVERIFY(!alongside->takeover);
        QCOMPARE(chatOf(phone).owner, OwnerKind::Bot);

        draft.text = QStringLiteral("Priya here, I will check your order");
        auto reply = wait<HumanReply>(
            [&](auto done) { service().reply(draft, true, this, std::move(done)); });
        QVERIFY2(reply, qPrintable(reply.error()));
        QVERIFY(reply->takeover.has_value());
        QCOMPARE(reply->message.author, Author::Human);
        QCOMPARE(chatOf(phone).owner, OwnerKind::Human);
        QVERIFY(outboxMessageIds().contains(reply->message.id));
        QVERIFY(QTest::qWaitFor([&] { return phoneReceived.contains(draft.text); }, 10000));
        QCOMPARE(say(phone, QStringLiteral("ok")).decision, QStringLiteral("silent"));
    }

    void aNoteNeverReachesTheCustomer()
    {
        const QString phone = newPhone();
        say(phone, QStringLiteral("hello"));
        const Conversation chat = chatOf(phone);
        const QString text = QStringLiteral("Private: customer owes for two weeks");
        auto note = wait<Message>([&](auto done) {
            service().addNote(tenant, chat.id, priya, text, this, std::move(done));
        });
        QVERIFY2(note, qPrintable(note.error()));
        QCOMPARE(note->type, QStringLiteral("note"));
        QVERIFY(!outboxMessageIds().contains(note->id));
        // A later message does reach the phone; the note never did.
        OutboundDraft draft{tenant, chat.id, Author::Human, priya,
                            QStringLiteral("after the note")};
        QVERIFY(wait<HumanReply>(
            [&](auto done) { service().reply(draft, true, this, std::move(done)); }));
        QVERIFY(QTest::qWaitFor([&] { return phoneReceived.contains(draft.text); }, 10000));
        QVERIFY(!phoneReceived.contains(text));
        QVERIFY(!wait<Message>([&](auto done) {
            service().addNote(tenant, chat.id, priya, QStringLiteral("  "), this, std::move(done));
        }));
    }

    void aClosedChatReopensWhenTheCustomerWrites()
    {
        const QString phone = newPhone();
        say(phone, QStringLiteral("hello"));
        const Conversation chat = chatOf(phone);
        auto closed = wait<OwnershipChange>([&](auto done) {
            service().close(tenant, chat.id, priya, QStringLiteral("order delivered"), this,
                            std::move(done));
        });
        QVERIFY(closed);
        QCOMPARE(closed->after.owner, OwnerKind::Closed);
        QCOMPARE(closed->after.closedReason, QStringLiteral("order delivered"));
        QCOMPARE(say(phone, QStringLiteral("hello again")).decision, QStringLiteral("reply"));
        const Conversation reopened = chatOf(phone);
        QCOMPARE(reopened.id, chat.id);
        QCOMPARE(reopened.owner, OwnerKind::Bot);

        // With inbox.reopen_to = person, the person who closed it has it again.
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("inbox.reopen_to"),
                                          QStringLiteral("person"));
        }));
        QVERIFY(wait<OwnershipChange>([&](auto done) {
            service().close(tenant, chat.id, priya, {}, this, std::move(done));
        }));
        QCOMPARE(say(phone, QStringLiteral("one more thing")).decision, QStringLiteral("silent"));
        QCOMPARE(chatOf(phone).owner, OwnerKind::Human);
        QCOMPARE(chatOf(phone).ownerOperatorId, priya);
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("inbox.reopen_to"),
                                          QStringLiteral("bot"));
        }));
        // Reopen from the console: back to the bot.
        QVERIFY(wait<OwnershipChange>([&](auto done) {
            service().close(tenant, chat.id, priya, {}, this, std::move(done));
        }));
        auto reopen = wait<OwnershipChange>(
            [&](auto done) { service().reopen(tenant, chat.id, priya, this, std::move(done)); });
        QVERIFY(reopen);
        QCOMPARE(reopen->after.owner, OwnerKind::Bot);
    }

    void theCustomerIsToldWhenTheStoreWantsIt()
    {
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSettings(
                tenant, {{QStringLiteral("inbox.notify_takeover"), QStringLiteral("true")},
                         {QStringLiteral("inbox.notify_handback"), QStringLiteral("true")}});
        }));
        const QString phone = newPhone();
        say(phone, QStringLiteral("hello"));
        const Conversation chat = chatOf(phone);
        SD_TAKE(taken, takeOver(chat.id, priya));
        QCOMPARE(taken.lines.size(), 2);
        QCOMPARE(taken.lines.at(1).author, Author::Human);
        QVERIFY(taken.lines.at(1).body.startsWith(QLatin1String("Priya Sharma from ")));
        QVERIFY(
            QTest::qWaitFor([&] { return phoneReceived.contains(taken.lines.at(1).body); }, 10000));
        SD_TAKE(back, handBack(chat.id, priya));
        QCOMPARE(back.lines.size(), 2);
        QVERIFY(back.lines.at(1).body.contains(QLatin1String("will help you from here")));
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSettings(
                tenant, {{QStringLiteral("inbox.notify_takeover"), QStringLiteral("false")},
                         {QStringLiteral("inbox.notify_handback"), QStringLiteral("false")}});
        }));
    }

    void aQuietChatGoesBackToTheBotWhenTheStoreSaysSo()
    {
        const QString phone = newPhone();
        say(phone, QStringLiteral("hello"));
        const Conversation chat = chatOf(phone);
        QVERIFY(takeOver(chat.id, priya));
        const auto handedBack = [&](int minutesFromNow) {
            auto changes = h->run([&](Store &s) {
                return ConversationActions::handBackSilent(
                    s, QDateTime::currentDateTimeUtc().addSecs(60LL * minutesFromNow));
            });
            bool ours = false;
            for (const OwnershipChange &c : changes ? changes.value() : QList<OwnershipChange>{})
                ours = ours || c.after.id == chat.id;
            return ours;
        };
        QVERIFY(!handedBack(60)); // off by default
        QCOMPARE(chatOf(phone).owner, OwnerKind::Human);
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("inbox.auto_handback_min"),
                                          QStringLiteral("10"));
        }));
        QVERIFY(!handedBack(1));
        QCOMPARE(chatOf(phone).owner, OwnerKind::Human);
        QVERIFY(handedBack(11));
        QCOMPARE(chatOf(phone).owner, OwnerKind::Bot);
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("inbox.auto_handback_min"),
                                          QStringLiteral("0"));
        }));
    }

    void aModelReplyInFlightIsDroppedAtTheTakeover()
    {
        useModel(0);
        QSignalSpy handled(&h->engine().agent(), &Agent::handled);
        for (int i = 0; i < 10; ++i) {
            const QString phone = newPhone();
            say(phone, QStringLiteral("hello"));
            const Conversation chat = chatOf(phone);
            model.clearScript();
            FakeModelServer::Scripted slow;
            slow.content = QStringLiteral("Amul Butter 100 g is ₹58.");
            slow.delayMs = 400;
            model.script(slow);
            const int asked = model.count(QStringLiteral("/chat/completions"));
            handled.clear();
            h->engine().simulator().customerSays(channel.id, phone, QStringLiteral("Ravi Kumar"),
                                                 QStringLiteral("is amul butter available?"));
            QVERIFY(QTest::qWaitFor(
                [&] { return model.count(QStringLiteral("/chat/completions")) > asked; }, 10000));
            QVERIFY(takeOver(chat.id, priya)); // while the model is writing its reply
            QVERIFY(QTest::qWaitFor([&] { return !handled.isEmpty(); }, 15000));
            const auto outcome = handled.first().at(2).value<AgentTurn::Outcome>();
            QCOMPARE(outcome.decision, QStringLiteral("silent"));
            QCOMPARE(outcome.reason,
                     QStringLiteral("a person took the chat over while the bot was answering"));
            QCOMPARE(botMessagesWhileOwned(messagesOf(chat.id)), 0);
        }
        model.clearScript();
        noModel();
    }

    // Customer messages on many chats while takeovers and hand backs land at random moments.
    void randomizedRacesNeverLetTheBotSpeakInATakenChat()
    {
        const int races = qEnvironmentVariableIntValue("SHOPDESK_TAKEOVER_RACES") > 0
                              ? qEnvironmentVariableIntValue("SHOPDESK_TAKEOVER_RACES")
                              : 2000;
        constexpr int kChats = 40;
        constexpr int kBatch = 40;
        QList<QString> phones;
        QList<qint64> chats;
        QHash<qint64, bool> person;
        for (int i = 0; i < kChats; ++i) {
            phones << newPhone();
            say(phones.last(), QStringLiteral("hello"));
            chats << chatOf(phones.last()).id;
            person[chats.last()] = false;
        }
        // Half the messages go to the language model, which takes a few milliseconds to answer:
        // takeovers land before, during and after its reply.
        const QStringList texts = {
            QStringLiteral("hello"), QStringLiteral("is amul butter available?"),
            QStringLiteral("thanks"), QStringLiteral("is amul ghee available?")};
        useModel(0);
        model.clearScript();
        model.setUnscripted(QStringLiteral("Amul Butter 100 g is ₹58."), 10);
        QSignalSpy handled(&h->engine().agent(), &Agent::handled);
        QSignalSpy failed(&h->engine().agent(), &Agent::failed);
        QRandomGenerator random(20261202);
        int sent = 0, toggles = 0, togglesDone = 0, toggleErrors = 0;
        for (int done = 0; done < races; done += kBatch) {
            handled.clear();
            failed.clear();
            sent = 0;
            for (int i = 0; i < kBatch && done + i < races; ++i) {
                const int c = int(random.bounded(kChats));
                h->engine().simulator().customerSays(channel.id, phones[c],
                                                     QStringLiteral("Ravi Kumar"),
                                                     texts[int(random.bounded(texts.size()))]);
                ++sent;
                // The ownership change lands at a random moment around the customer's message.
                ++toggles;
                QTimer::singleShot(int(random.bounded(80)), this, [&, id = chats[c]] {
                    auto done = [&, id](Result<OwnershipChange> r) {
                        ++togglesDone;
                        if (!r) {
                            ++toggleErrors;
                            return;
                        }
                        person[id] = r->after.owner == OwnerKind::Human;
                    };
                    if (person[id])
                        service().handBack(tenant, id, priya, this, done);
                    else
                        service().takeOver(tenant, id, priya, this, done);
                });
            }
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return handled.size() + failed.size() >= sent &&
                                    togglesDone == toggles;
                         },
                         60000),
                     qPrintable(QStringLiteral("%1 of %2 turns, %3 of %4 changes")
                                    .arg(handled.size() + failed.size())
                                    .arg(sent)
                                    .arg(togglesDone)
                                    .arg(toggles)));
            QCOMPARE(failed.size(), 0);
        }
        QCOMPARE(toggleErrors, 0);
        noModel();
        QVERIFY(QTest::qWaitFor([&] { return outboxDrained(); }, 30000));

        // Every bot message in commit order, against the takeover and hand back lines.
        const QSet<qint64> outbox = outboxMessageIds();
        int broken = 0, botReplies = 0, takeovers = 0;
        QStringList botTexts;
        for (const qint64 id : std::as_const(chats)) {
            const QList<Message> messages = messagesOf(id);
            broken += botMessagesWhileOwned(messages);
            for (const Message &m : messages) {
                if (m.author == Author::Bot) {
                    ++botReplies;
                    QVERIFY(outbox.contains(m.id));
                    botTexts << m.body;
                }
                if (m.author == Author::System) {
                    QVERIFY(!outbox.contains(m.id));
                    takeovers += m.body.contains(QLatin1String(" took over")) ? 1 : 0;
                }
            }
        }
        auto dropped = h->run([&](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE tenant_id = "
                                          "? AND trace LIKE ?"),
                           {tenant, QStringLiteral("%took the chat over while the bot%")})
                    .first()[0]
                    .toInt();
            });
        });
        QVERIFY(dropped);
        qInfo("%d races: %d takeovers, %d bot replies, %d replies dropped at a takeover, "
              "%d bot messages in taken chats",
              races, takeovers, botReplies, dropped.value(), broken);
        qInfo("model requests: %d", model.count(QStringLiteral("/chat/completions")));
        QVERIFY(dropped.value() > 0); // the races did hit replies being prepared
        QCOMPARE(broken, 0);
        QVERIFY(botReplies > kChats);
        QVERIFY(takeovers > races / 4);
        // What the phones received: every bot reply, and no system line.
        for (const QString &text : std::as_const(botTexts))
            QVERIFY(phoneReceived.contains(text));
        for (const QString &text : std::as_const(phoneReceived))
            QVERIFY(!text.contains(QLatin1String("handed the chat back")));
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_GUILESS_MAIN(TakeoverTest)
#include "tst_takeover.moc"
