#include "EngineHarness.h"

#include "agent/Agent.h"
#include "messaging/ChannelConfig.h"
#include "messaging/InboundProcessor.h"
#include "messaging/SimulatorPhone.h"
#include "messaging/WebhookService.h"
#include "storage/SqlBackend.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

namespace shopdesk::test {

HttpAnswer HttpTestClient::wait(QNetworkReply *reply, int timeoutMs)
{
    HttpAnswer answer;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs)) {
        reply->abort();
        answer.error = QStringLiteral("timed out");
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    if (answer.error.isEmpty() && reply->error() != QNetworkReply::NoError && answer.status == 0)
        answer.error = reply->errorString();
    reply->deleteLater();
    return answer;
}

HttpAnswer HttpTestClient::post(const QUrl &url, const QByteArray &body,
                                const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return wait(m_network.post(request, body), timeoutMs);
}

HttpAnswer HttpTestClient::get(const QUrl &url, int timeoutMs)
{
    return wait(m_network.get(QNetworkRequest(url)), timeoutMs);
}

EngineHarness::EngineHarness(Engine::Options overrides, bool withAgent)
{
    // A database given in the options is shared (a second node or console); else a fresh one.
    m_url = overrides.database.toString().isEmpty() ? m_dbs.fresh() : overrides.database;
    Engine::Options options = overrides;
    options.agent = withAgent;
    options.database = m_url;
    options.dataDir = m_dataDir.path();
    options.listenAddress = QHostAddress::LocalHost;
    if (options.listenPort < 0)
        options.listenPort = 0;
    m_engine = std::make_unique<Engine>(options);
}

EngineHarness::~EngineHarness()
{
    m_engine->stop();
}

bool EngineHarness::start()
{
    QSignalSpy state(m_engine.get(), &Engine::stateChanged);
    m_engine->start();
    const bool running = QTest::qWaitFor(
        [this] {
            return m_engine->state() == Engine::State::Running ||
                   m_engine->state() == Engine::State::Failed;
        },
        30000);
    if (!running || m_engine->state() != Engine::State::Running) {
        qWarning() << "Engine did not start:" << m_engine->lastError();
        return false;
    }
    return true;
}

QUrl EngineHarness::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_engine->webhookPort()).arg(path));
}

qint64 EngineHarness::addTenant(const QString &slug)
{
    auto tenant = run([slug](Store &s) { return s.tenants().addTenant(slug, slug.toUpper()); });
    return tenant ? tenant->id : 0;
}

Channel EngineHarness::addMetaChannel(qint64 tenantId, const QString &apiBase,
                                      const QString &rateLimit)
{
    return addChannel(tenantId, QStringLiteral("meta"),
                      {{QStringLiteral("phone_number_id"), QStringLiteral("PN")},
                       {QStringLiteral("access_token"), QStringLiteral("t")},
                       {QStringLiteral("app_secret"), QStringLiteral("s")},
                       {QStringLiteral("verify_token"), QStringLiteral("v")},
                       {QStringLiteral("rate_limit"), rateLimit},
                       {QStringLiteral("api_base"), apiBase}});
}

Channel EngineHarness::addChannel(qint64 tenantId, const QString &provider, QJsonObject config)
{
    if (auto valid = ChannelConfig::validate(provider, config); !valid) {
        qWarning() << valid.error();
        return {};
    }
    Channel channel;
    channel.provider = provider;
    channel.name = provider;
    channel.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
    // The webhook service reloads on the change signal (on its own thread, maybe before the
    // add's answer is read here); wait until it knows the new path.
    QSignalSpy loaded(m_engine.get(), &Engine::webhookChannelsLoaded);
    auto added =
        run([tenantId, channel](Store &s) { return s.channels().addChannel(tenantId, channel); });
    if (!added)
        return {};
    if (!QTest::qWaitFor([&] { return loaded.size() > 0; }, 10000))
        qWarning("the webhook service did not reload its channels");
    return added.value();
}

QList<Message> EngineHarness::messages(qint64 tenantId)
{
    auto rows = run([tenantId](Store &s) -> Result<QList<Message>> {
        QList<Message> all;
        auto summaries = s.conversations().summaries(tenantId, 10000);
        if (!summaries)
            return Result<QList<Message>>::failure(summaries.error());
        for (const auto &summary : std::as_const(summaries.value())) {
            auto list = s.conversations().latestMessages(tenantId, summary.conversation.id, 100000);
            if (list)
                all += list.value();
        }
        std::sort(all.begin(), all.end(),
                  [](const Message &a, const Message &b) { return a.id < b.id; });
        return all;
    });
    return rows ? rows.value() : QList<Message>();
}

std::optional<Message> EngineHarness::messageByProviderId(qint64 tenantId, const QString &id)
{
    auto m = run(
        [tenantId, id](Store &s) { return s.conversations().messageByProviderId(tenantId, id); });
    return m ? m.value() : std::nullopt;
}

bool EngineHarness::settle(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            auto pending = run([](Store &s) { return s.inbox().countUnprocessed(); });
            return pending && pending.value() == 0 && m_engine->inbound().isIdle();
        },
        timeoutMs);
}

AgentTurn::Outcome EngineHarness::sayToBot(qint64 channelId, const QString &from,
                                           const QString &name, const QString &text)
{
    QSignalSpy handled(&m_engine->agent(), &Agent::handled);
    QSignalSpy failed(&m_engine->agent(), &Agent::failed);
    m_engine->simulator().customerSays(channelId, from, name, text);
    if (!QTest::qWaitFor([&] { return !handled.isEmpty() || !failed.isEmpty(); }, 30000)) {
        qWarning("the bot did not answer \"%s\"", qPrintable(text));
        return {};
    }
    if (!failed.isEmpty()) {
        qWarning("%s", qPrintable(failed.first().at(2).toString()));
        return {};
    }
    return handled.first().at(2).value<AgentTurn::Outcome>();
}

} // namespace shopdesk::test
