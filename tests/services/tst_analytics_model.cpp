// Questions in plain words answered through the store's language model, faked at the network
// edge by an OpenAI-compatible server on 127.0.0.1: the model chooses a metric and dates through
// the schema-checked get_metric tool (never SQL), its answer is kept only when every number in
// it came from the figures returned, customers' names never reach it, and without a usable
// answer the deterministic one is given.
#include "FakeModelServer.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "analytics/AnalyticsService.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace shopdesk;

class AnalyticsModelTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    std::unique_ptr<StoreWorker> m_worker;
    std::unique_ptr<test::FakeModelServer> m_model;
    QNetworkAccessManager m_network;
    std::unique_ptr<AnalyticsService> m_service;
    qint64 m_tenant = 0;
    QDate m_today;

    template<typename Job> auto run(Job job) -> std::invoke_result_t<Job, Store &>
    {
        using R = std::invoke_result_t<Job, Store &>;
        std::optional<R> out;
        QObject context;
        m_worker->run(&context, std::move(job), [&out](R r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
            return R::failure(QStringLiteral("no answer"));
        return std::move(*out);
    }
    Result<AnalyticsService::Answer> ask(const QString &question)
    {
        std::optional<Result<AnalyticsService::Answer>> out;
        m_service->ask(m_tenant, question, this,
                       [&out](Result<AnalyticsService::Answer> a) { out.emplace(std::move(a)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return Result<AnalyticsService::Answer>::failure(QStringLiteral("no answer"));
        return std::move(*out);
    }
    QString call(const QString &metric) const
    {
        return QStringLiteral("{\"metric\":\"%1\",\"from\":\"%2\",\"to\":\"%2\"}")
            .arg(metric, m_today.toString(Qt::ISODate));
    }

private Q_SLOTS:
    void init()
    {
        const DatabaseUrl url = m_databases.fresh();
        QVERIFY2(!url.toString().isEmpty(), qPrintable(m_databases.lastError()));
        m_worker = std::make_unique<StoreWorker>(url);
        QSignalSpy ready(m_worker.get(), &StoreWorker::ready);
        m_worker->start();
        QVERIFY(ready.wait(10000));
        m_model = std::make_unique<test::FakeModelServer>();
        QVERIFY(m_model->start() > 0);
        const QString endpoint = m_model->baseUrl();
        SD_TAKE(tenant, run([endpoint](Store &s) -> Result<qint64> {
                    auto t = s.tenants().addTenant(QStringLiteral("m"), QStringLiteral("M"));
                    if (!t)
                        return Result<qint64>::failure(t.error());
                    ModelEndpoint e;
                    e.baseUrl = endpoint;
                    e.model = QStringLiteral("fake");
                    (void)s.tenants().setSetting(t->id, KnowledgeSettings::kChatKey, e.toJson());
                    (void)s.tenants().setSetting(t->id, QStringLiteral("store.time_zone"),
                                                 QStringLiteral("UTC"));
                    Product milk;
                    milk.sku = QStringLiteral("MILK");
                    milk.name = QStringLiteral("Milk");
                    milk.priceMinor = 5000;
                    (void)s.catalog().upsertProducts(t->id, {milk});
                    const qint64 product = s.catalog().products(t->id)->first().id;
                    auto ravi = s.conversations().upsertContact(
                        t->id, QStringLiteral("+919800000001"), QStringLiteral("Ravi Kumar"));
                    for (const qint64 price : {15000, 25000}) {
                        Order o;
                        o.contactId = ravi->id;
                        o.status = QStringLiteral("confirmed");
                        o.fromHistory = true; // past orders: today's stock is not theirs
                        o.lines.append({0, product, QStringLiteral("Milk"), 1, {}, price, 0});
                        if (!s.catalog().addOrder(t->id, o))
                            return Result<qint64>::failure(QStringLiteral("order"));
                    }
                    return t->id;
                }));
        m_tenant = tenant;
        m_today = QDateTime::currentDateTimeUtc().date();
        m_service = std::make_unique<AnalyticsService>(*m_worker);
        m_service->setNetwork(&m_network);
    }
    void cleanup()
    {
        m_service.reset();
        m_worker.reset();
        m_model.reset();
    }

    void theModelChoosesTheMetricAndQuotesItsFigures()
    {
        test::FakeModelServer::Scripted tool;
        tool.message = test::FakeModelServer::toolCalls(
            {{QStringLiteral("get_metric"), call(QStringLiteral("revenue"))}});
        m_model->script(tool);
        test::FakeModelServer::Scripted reply;
        reply.content = QStringLiteral("Aaj 2 orders se ₹400.00 ki sale hui.");
        m_model->script(reply);
        SD_TAKE(answer, ask(QStringLiteral("aaj ka dhanda kaisa raha?")));
        QVERIFY2(answer.byModel, qPrintable(answer.modelProblem));
        QCOMPARE(answer.text, reply.content);
        QCOMPARE(answer.question.metric, QStringLiteral("revenue"));
        QCOMPARE(answer.question.range.from, m_today);
        // The tool was offered with its schema and its result carried the engine's figures.
        const QJsonObject first = m_model->requests().first().body;
        QCOMPARE(first.value(QLatin1String("tools"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("function"))
                     .toObject()
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("get_metric"));
        const QString second = QString::fromUtf8(
            QJsonDocument(m_model->requests().at(1).body).toJson(QJsonDocument::Compact));
        QVERIFY(second.contains(QStringLiteral("400")));
    }

    void anInventedNumberFallsBackToTheFigures()
    {
        test::FakeModelServer::Scripted tool;
        tool.message = test::FakeModelServer::toolCalls(
            {{QStringLiteral("get_metric"), call(QStringLiteral("revenue"))}});
        m_model->script(tool);
        test::FakeModelServer::Scripted reply;
        reply.content = QStringLiteral("Sales today were ₹999.00.");
        m_model->script(reply);
        SD_TAKE(answer, ask(QStringLiteral("aaj kitna sale hua?")));
        QVERIFY(!answer.byModel);
        QVERIFY2(answer.modelProblem.contains(QStringLiteral("999")),
                 qPrintable(answer.modelProblem));
        QVERIFY2(answer.text.contains(QStringLiteral("₹400.00")), qPrintable(answer.text));
    }

    void aCallOutsideTheSchemaIsRefused()
    {
        test::FakeModelServer::Scripted bad;
        bad.message = test::FakeModelServer::toolCalls(
            {{QStringLiteral("get_metric"),
              QStringLiteral("{\"metric\":\"DROP TABLE orders\",\"from\":\"x\",\"to\":\"y\"}")}});
        m_model->script(bad);
        test::FakeModelServer::Scripted reply;
        reply.content = QStringLiteral("I could not find that.");
        m_model->script(reply);
        SD_TAKE(answer, ask(QStringLiteral("top customers today")));
        QVERIFY(!answer.byModel);
        QCOMPARE(answer.question.metric, QStringLiteral("top_customers")); // the words' answer
        QVERIFY(answer.text.contains(QStringLiteral("Ravi Kumar")));
        // The model was told what was wrong with its call, and the orders are all there.
        const QString second = QString::fromUtf8(
            QJsonDocument(m_model->requests().at(1).body).toJson(QJsonDocument::Compact));
        QVERIFY2(second.contains(QStringLiteral("not among")) ||
                     second.contains(QStringLiteral("one of")),
                 qPrintable(second.left(2000)));
        SD_TAKE(orders, run([t = m_tenant](Store &s) { return s.catalog().orders(t); }));
        QCOMPARE(orders.size(), 2);
    }

    void customersNamesNeverReachTheModel()
    {
        test::FakeModelServer::Scripted tool;
        tool.message = test::FakeModelServer::toolCalls(
            {{QStringLiteral("get_metric"), call(QStringLiteral("top_customers"))}});
        m_model->script(tool);
        test::FakeModelServer::Scripted reply;
        reply.content = QStringLiteral("Your top customer placed 2 orders.");
        m_model->script(reply);
        SD_TAKE(answer, ask(QStringLiteral("Is Ravi Kumar my best customer today?")));
        QVERIFY2(answer.byModel, qPrintable(answer.modelProblem));
        for (const auto &r : m_model->requests()) {
            const QString body =
                QString::fromUtf8(QJsonDocument(r.body).toJson(QJsonDocument::Compact));
            QVERIFY2(!body.contains(QStringLiteral("Ravi")), qPrintable(body.left(2000)));
        }
    }
};

QTEST_GUILESS_MAIN(AnalyticsModelTest)
#include "tst_analytics_model.moc"
