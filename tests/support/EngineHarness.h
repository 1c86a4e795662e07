#pragma once

#include "TestDatabases.h"
#include "agent/AgentTurn.h"
#include "domain/Channel.h"
#include "domain/Message.h"
#include "engine/Engine.h"
#include "storage/StoreWorker.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

#include <optional>

namespace shopdesk::test {

// The answer to a request made by a test.
struct HttpAnswer
{
    int status = 0; // 0: no HTTP answer (connection refused, timeout)
    QByteArray body;
    QString error;
};

// Plain HTTP requests from tests to a server on 127.0.0.1, waited for without fixed sleeps.
class HttpTestClient
{
public:
    HttpAnswer post(const QUrl &url, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs = 10000);
    HttpAnswer get(const QUrl &url, int timeoutMs = 10000);

private:
    HttpAnswer wait(class QNetworkReply *reply, int timeoutMs);
    QNetworkAccessManager m_network;
};

// A running engine on a fresh database (SQLite, or PostgreSQL with SHOPDESK_TEST_BACKEND), or on
// the one in overrides.database (to run a second node or console on the same PostgreSQL),
// serving webhooks on a free port of 127.0.0.1, with fast retries for tests.
class EngineHarness
{
public:
    // withAgent: the bot answers customers (tests of messaging alone count only their own sends).
    explicit EngineHarness(Engine::Options overrides = {}, bool withAgent = false);
    ~EngineHarness();

    bool start(); // false (with a test failure message) if the engine did not come up
    Engine &engine() { return *m_engine; }
    StoreWorker &store() { return m_engine->store(); }
    QString dataDir() const { return m_dataDir.path(); }
    const DatabaseUrl &database() const { return m_url; }
    QUrl url(const QString &path) const;

    // Runs a store job and waits for its answer.
    template<typename Job> auto run(Job job) -> std::invoke_result_t<Job, Store &>
    {
        using R = std::invoke_result_t<Job, Store &>;
        std::optional<R> out;
        QObject context;
        store().run(&context, std::move(job), [&out](R r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
            return R::failure(QStringLiteral("The store did not answer in time."));
        return std::move(*out);
    }

    qint64 addTenant(const QString &slug = QStringLiteral("shop"));
    Channel addChannel(qint64 tenantId, const QString &provider, QJsonObject config);
    // A Meta channel (app secret "s") whose Graph API is at apiBase (a fake on 127.0.0.1).
    Channel addMetaChannel(qint64 tenantId, const QString &apiBase,
                           const QString &rateLimit = QStringLiteral("1000"));
    QList<Message> messages(qint64 tenantId); // every message, oldest first
    std::optional<Message> messageByProviderId(qint64 tenantId, const QString &id);
    // Waits until the webhook service has loaded channels and inbound processing is idle.
    bool settle(int timeoutMs = 20000);

    // A customer writes on a simulator channel; waits for the bot's turn and returns it (empty,
    // with a warning, when the bot failed or did not answer).
    AgentTurn::Outcome sayToBot(qint64 channelId, const QString &from, const QString &name,
                                const QString &text);

    HttpTestClient http;

private:
    TestDatabases m_dbs;
    QTemporaryDir m_dataDir;
    DatabaseUrl m_url;
    std::unique_ptr<Engine> m_engine;
};

} // namespace shopdesk::test
