#include "EngineHarness.h"
#include "FakeModelServer.h"
#include "agent/Agent.h"
#include "ai/ModelEndpoint.h"
#include "demo/DemoStoreLoader.h"
#include "knowledge/KnowledgeSettings.h"
#include "messaging/SimulatorPhone.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

// The bot with a language model: a scripted OpenAI-compatible server on 127.0.0.1 calls the
// bot's tools and writes replies. Checks what reaches the customer (only grounded replies),
// what leaves the machine (masked names and numbers, the tool schemas), malformed tool calls,
// and the circuit breaker (a slow reply, three failures in a row, the cool-down). On SQLite and
// PostgreSQL.
class AgentModelTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    FakeModelServer model;
    qint64 tenant = 0;
    Channel channel;

    AgentTurn::Outcome say(const QString &from, const QString &text)
    {
        return h->sayToBot(channel.id, from, QStringLiteral("Ravi Kumar"), text);
    }

    void useModel(int timeoutMs, int coolDownSeconds)
    {
        ModelEndpoint e;
        e.baseUrl = model.baseUrl();
        e.model = QStringLiteral("shop-model");
        e.apiKey = QStringLiteral("sk-test");
        e.timeoutMs = timeoutMs;
        auto set = h->run([&](Store &s) {
            auto a = s.tenants().setSetting(tenant, KnowledgeSettings::kChatKey, e.toJson());
            return a ? s.tenants().setSetting(tenant, QStringLiteral("ai.cooldown_s"),
                                              QString::number(coolDownSeconds))
                     : a;
        });
        QVERIFY(set);
    }

    qint64 productId(const QString &sku)
    {
        auto products = h->run([&](Store &s) { return s.catalog().products(tenant); });
        for (const Product &p : products.value()) {
            if (p.sku == sku)
                return p.id;
        }
        return 0;
    }

    static QJsonObject modelTrace(const AgentTurn::Outcome &o)
    {
        return o.trace.value(QStringLiteral("model")).toObject();
    }

    QString sentSoFar() const
    {
        QString all;
        for (const auto &r : model.requests())
            all += QString::fromUtf8(QJsonDocument(r.body).toJson(QJsonDocument::Compact));
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        QVERIFY(model.start() > 0);
        model.setKey("sk-test");
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        auto demo = h->run([](Store &s) { return DemoStoreLoader::load(s); });
        QVERIFY2(demo, qPrintable(demo.error()));
        tenant = demo->tenantId;
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
        useModel(5000, 60);
    }

    void init() { model.clearScript(); }

    void theModelLooksUpAndAnswers()
    {
        model.script(
            {200,
             {},
             FakeModelServer::toolCalls({{QStringLiteral("search_inventory"),
                                          QStringLiteral(R"({"query":"amul butter"})")}})});
        const QString answer = QStringLiteral("Yes, Amul Butter 100 g is ₹58 and 500 g is ₹275.");
        model.script({200, answer});
        const int before = int(model.requests().size());
        auto o = say(QStringLiteral("+919810012345"),
                     QStringLiteral("Ravi Kumar here, is amul butter available? my number is "
                                    "98100 12345"));
        QCOMPARE(o.decision, QStringLiteral("reply"));
        QVERIFY2(o.reply == answer,
                 QJsonDocument(modelTrace(o)).toJson(QJsonDocument::Compact).constData());
        const QJsonObject t = modelTrace(o);
        QVERIFY(t.value(QStringLiteral("used")).toBool());
        QCOMPARE(
            t.value(QStringLiteral("calls")).toArray().first()[QStringLiteral("tool")].toString(),
            QStringLiteral("search_inventory"));
        QCOMPARE(model.requests().size(), before + 2);

        // What left the machine: the tools, the tool's result, and no name or number.
        const QJsonObject first = model.requests().at(before).body;
        QStringList tools;
        for (const QJsonValue &v : first.value(QStringLiteral("tools")).toArray())
            tools << v[QStringLiteral("function")][QStringLiteral("name")].toString();
        for (const char *name : {"search_inventory", "check_stock", "add_to_cart", "order_status",
                                 "business_info", "answer_from_knowledge", "escalate_to_human"})
            QVERIFY2(tools.contains(QString::fromLatin1(name)), name);
        const QJsonArray second =
            model.requests().at(before + 1).body[QStringLiteral("messages")].toArray();
        const QJsonObject toolMessage = second.last().toObject();
        QCOMPARE(toolMessage.value(QStringLiteral("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(toolMessage.value(QStringLiteral("tool_call_id")).toString(),
                 QStringLiteral("call_1"));
        QVERIFY(toolMessage.value(QStringLiteral("content"))
                    .toString()
                    .contains(QLatin1String("Butter")));
        const QString sent = sentSoFar();
        QVERIFY(!sent.contains(QLatin1String("Ravi")));
        QVERIFY(!sent.contains(QLatin1String("98100")));
        QVERIFY(sent.contains(QLatin1String("[name]")) && sent.contains(QLatin1String("[phone]")));
        QCOMPARE(model.requests().at(before).authorization, QByteArray("Bearer sk-test"));
    }

    void malformedToolCallsGoBackToTheModel()
    {
        model.script(
            {200,
             {},
             FakeModelServer::toolCalls({
                 {QStringLiteral("check_stock"), QStringLiteral("{product_id: twelve")},
                 {QStringLiteral("launch_rockets"), QStringLiteral("{}")},
                 {QStringLiteral("schedule_reminder"), QStringLiteral(R"({"in_days":"soon"})")},
             })});
        model.script({200,
                      {},
                      FakeModelServer::toolCalls({{QStringLiteral("search_inventory"),
                                                   QStringLiteral(R"({"query":"paneer"})")}})});
        model.script({200, QStringLiteral("Amul Paneer 200 g is ₹95.")});
        const int before = int(model.requests().size());
        auto o = say(QStringLiteral("+919810000002"), QStringLiteral("paneer kitne ka hai"));
        QCOMPARE(o.reply, QStringLiteral("Amul Paneer 200 g is ₹95."));
        const QJsonObject t = modelTrace(o);
        QCOMPARE(t.value(QStringLiteral("rejected_calls")).toInt(), 3);
        // The errors went back as the tools' results, one per call, and nothing ran.
        const QJsonArray second =
            model.requests().at(before + 1).body[QStringLiteral("messages")].toArray();
        QStringList errors;
        for (const QJsonValue &m : second) {
            if (m[QStringLiteral("role")].toString() == QLatin1String("tool"))
                errors << m[QStringLiteral("content")].toString();
        }
        QCOMPARE(errors.size(), 3);
        QVERIFY2(errors.at(0).contains(QLatin1String("not a JSON object")),
                 qPrintable(errors.at(0)));
        QVERIFY2(errors.at(1).contains(QLatin1String("no tool called")), qPrintable(errors.at(1)));
        QVERIFY2(errors.at(2).contains(QLatin1String("in_days")), qPrintable(errors.at(2)));
        auto reminders = h->run([&](Store &s) { return s.agent().reminders(tenant); });
        QVERIFY(reminders->isEmpty());
    }

    void anUngroundedReplyIsNotSent()
    {
        model.script({200,
                      {},
                      FakeModelServer::toolCalls({{QStringLiteral("search_inventory"),
                                                   QStringLiteral(R"({"query":"ghee"})")}})});
        model.script({200, QStringLiteral("Amul Ghee 1 L is ₹499 and in stock today.")});
        auto o = say(QStringLiteral("+919810000003"), QStringLiteral("do you have ghee"));
        QCOMPARE(o.decision, QStringLiteral("reply"));
        QVERIFY2(!o.reply.contains(QLatin1String("499")), qPrintable(o.reply));
        QVERIFY2(o.reply.contains(QLatin1String("Ghee")), qPrintable(o.reply)); // the bot's own
        const QJsonObject t = modelTrace(o);
        QVERIFY(!t.value(QStringLiteral("used")).toBool());
        QVERIFY2(
            t.value(QStringLiteral("fallback")).toString().contains(QLatin1String("not grounded")),
            qPrintable(t.value(QStringLiteral("fallback")).toString()));

        // A shop answer without looking anything up is not sent either.
        model.script({200, QStringLiteral("Sure, we have fresh mangoes at a great price!")});
        auto guessed = say(QStringLiteral("+919810000003"), QStringLiteral("do you sell mangoes"));
        QVERIFY2(!guessed.reply.contains(QLatin1String("mangoes at a great")),
                 qPrintable(guessed.reply));
        QVERIFY(modelTrace(guessed)
                    .value(QStringLiteral("fallback"))
                    .toString()
                    .contains(QLatin1String("without looking")));
    }

    void theModelFillsTheCartAndTheCustomerConfirms()
    {
        const qint64 brown = productId(QStringLiteral("BAK-002"));
        QVERIFY(brown > 0);
        model.script(
            {200,
             {},
             FakeModelServer::toolCalls({{QStringLiteral("search_inventory"),
                                          QStringLiteral(R"({"query":"brown bread"})")}})});
        model.script({200,
                      {},
                      FakeModelServer::toolCalls(
                          {{QStringLiteral("add_to_cart"),
                            QStringLiteral(R"({"product_id":%1,"quantity":2})").arg(brown)}})});
        model.script({200, QStringLiteral("Britannia Brown Bread 400 g is ₹50. I have put 2 in "
                                          "your cart (₹100). Shall I place the order?")});
        const QString phone = QStringLiteral("+919810000004");
        auto cart = say(phone, QStringLiteral("brown bread hai kya"));
        QVERIFY2(cart.reply.contains(QStringLiteral("₹100")), qPrintable(cart.reply));
        QCOMPARE(cart.orderId, 0); // only the customer's yes places it
        auto placed = say(phone, QStringLiteral("haan ji"));
        QVERIFY2(placed.orderId > 0, qPrintable(placed.reply));
        auto order = h->run([&](Store &s) {
            return s.catalog().latestOrder(tenant, [&] {
                auto list = s.conversations().summaries(tenant);
                for (const auto &c : list.value())
                    if (c.contactPhone.endsWith(phone.mid(1)))
                        return c.conversation.contactId;
                return qint64(0);
            }());
        });
        QVERIFY(order && order->has_value());
        QCOMPARE(order->value().totalMinor, 10000);
    }

    void aSlowReplyPausesTheModelForTheCoolDown()
    {
        useModel(600, 3);
        QSignalSpy breaker(&h->engine().agent(), &Agent::modelBreakerChanged);
        FakeModelServer::Scripted slow;
        slow.delayMs = 2500;
        slow.content = QStringLiteral("late");
        model.script(slow);
        auto first = say(QStringLiteral("+919810000005"), QStringLiteral("is rusk available"));
        QVERIFY2(first.reply.contains(QLatin1String("Rusk")), qPrintable(first.reply));
        QVERIFY(!modelTrace(first).value(QStringLiteral("used")).toBool());
        QCOMPARE(breaker.size(), 1);
        QCOMPARE(breaker.first().at(1).toBool(), true);
        QVERIFY(h->engine().agent().modelPaused(tenant));

        const int requests = int(model.requests().size());
        auto second = say(QStringLiteral("+919810000005"), QStringLiteral("is besan available"));
        QVERIFY2(second.reply.contains(QLatin1String("Besan")), qPrintable(second.reply));
        QCOMPARE(int(model.requests().size()), requests); // not asked while paused
        QVERIFY(modelTrace(second)
                    .value(QStringLiteral("fallback"))
                    .toString()
                    .contains(QLatin1String("paused")));

        // After the cool-down the model is asked again, and a good answer closes the breaker.
        QTRY_VERIFY_WITH_TIMEOUT(!h->engine().agent().modelPaused(tenant), 10000);
        useModel(5000, 3);
        model.script({200,
                      {},
                      FakeModelServer::toolCalls({{QStringLiteral("search_inventory"),
                                                   QStringLiteral(R"({"query":"poha"})")}})});
        model.script({200, QStringLiteral("Tata Sampann Poha 500 g is ₹45.")});
        auto third = say(QStringLiteral("+919810000005"), QStringLiteral("poha available hai"));
        QCOMPARE(third.reply, QStringLiteral("Tata Sampann Poha 500 g is ₹45."));
        QCOMPARE(breaker.size(), 2);
        QCOMPARE(breaker.last().at(1).toBool(), false);
    }

    void anUnreachableModelServerFallsBack()
    {
        // A port nothing listens on: the customer still gets the bot's own answer.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        ModelEndpoint dead;
        dead.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort);
        dead.model = QStringLiteral("shop-model");
        QVERIFY(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, KnowledgeSettings::kChatKey, dead.toJson());
        }));
        auto o = say(QStringLiteral("+919810000007"), QStringLiteral("is maggi available"));
        QCOMPARE(o.decision, QStringLiteral("reply"));
        QVERIFY2(!o.reply.isEmpty(), qPrintable(o.reason));
        QVERIFY2(modelTrace(o)
                     .value(QStringLiteral("fallback"))
                     .toString()
                     .contains(QLatin1String("Cannot reach")),
                 qPrintable(modelTrace(o).value(QStringLiteral("fallback")).toString()));

        // Back to a working server: one good answer resets the count of failures.
        useModel(5000, 60);
        model.script({200,
                      {},
                      FakeModelServer::toolCalls({{QStringLiteral("search_inventory"),
                                                   QStringLiteral(R"({"query":"rusk"})")}})});
        model.script({200, QStringLiteral("Britannia Rusk 300 g is ₹55.")});
        auto good = say(QStringLiteral("+919810000007"), QStringLiteral("rusk hai kya"));
        QCOMPARE(good.reply, QStringLiteral("Britannia Rusk 300 g is ₹55."));
    }

    void threeFailuresInARowPauseTheModel()
    {
        useModel(5000, 60);
        QSignalSpy breaker(&h->engine().agent(), &Agent::modelBreakerChanged);
        for (int i = 0; i < 3; ++i)
            model.script({500, {}});
        const QString phone = QStringLiteral("+919810000006");
        for (const char *text :
             {"is maida available", "is sooji available", "is rajma available"}) {
            auto o = say(phone, QString::fromLatin1(text));
            QCOMPARE(o.decision, QStringLiteral("reply")); // the deterministic answer went out
            QVERIFY(modelTrace(o)
                        .value(QStringLiteral("fallback"))
                        .toString()
                        .contains(QLatin1String("500")));
        }
        QCOMPARE(breaker.size(), 1);
        QVERIFY(breaker.first().at(2).toString().contains(QLatin1String("3 failures")));
        const int requests = int(model.requests().size());
        auto o = say(phone, QStringLiteral("is pav available"));
        QVERIFY2(o.reply.contains(QLatin1String("Pav")), qPrintable(o.reply));
        QCOMPARE(int(model.requests().size()), requests);
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_GUILESS_MAIN(AgentModelTest)
#include "tst_agent_model.moc"
