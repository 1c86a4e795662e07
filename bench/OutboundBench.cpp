// Outbound drain rate: N queued messages sent through the outbox to a fake Meta API on
// 127.0.0.1, on SQLite or PostgreSQL. Prints one JSON line per result for bench/report.sh.
// Usage: shopdesk-bench-outbound [--messages N] [--rate-limit R]   (SHOPDESK_TEST_BACKEND
// and SHOPDESK_PG_URL_FILE choose the database, as in the tests)
#include "EngineHarness.h"
#include "FakeProviderServer.h"
#include "messaging/MessagingService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

using namespace shopdesk;
using namespace shopdesk::test;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Messages to send"),
                      QStringLiteral("N"), QStringLiteral("5000")});
    parser.addOption({QStringLiteral("rate-limit"), QStringLiteral("Per-number limit"),
                      QStringLiteral("R"), QStringLiteral("100000")});
    parser.process(app);
    const int total = parser.value(QStringLiteral("messages")).toInt();
    const int conversations = std::max(1, total / 10);

    FakeProviderServer api(FakeProviderServer::Provider::Meta);
    if (api.start() == 0)
        return 1;
    EngineHarness h;
    if (!h.start())
        return 1;
    const qint64 tenant = h.addTenant();
    const Channel channel =
        h.addMetaChannel(tenant, api.baseUrl(), parser.value(QStringLiteral("rate-limit")));
    // Stop the sender while the queue is filled, so the drain is timed alone.
    h.engine().sender().stop();
    auto queued = h.run([&](Store &s) -> Result<int> {
        QList<qint64> ids;
        for (int i = 0; i < conversations; ++i) {
            auto contact = s.conversations().upsertContact(
                tenant, QStringLiteral("+9199%1").arg(i, 8, 10, QLatin1Char('0')), {});
            auto conv = s.conversations().openConversation(tenant, contact->id, channel.id);
            Message m;
            m.conversationId = conv->id;
            m.body = QStringLiteral("hi");
            auto stored = s.conversations().appendMessage(tenant, m);
            if (!stored)
                return Result<int>::failure(stored);
            ids.append(conv->id);
        }
        for (int i = 0; i < total; ++i) {
            OutboundDraft d;
            d.tenantId = tenant;
            d.conversationId = ids.at(i % conversations);
            d.text = QStringLiteral("Your order %1 is on its way").arg(i);
            if (auto r = MessagingService::enqueue(s, d); !r)
                return Result<int>::failure(r.error());
        }
        return total;
    });
    if (!queued) {
        std::fprintf(stderr, "%s\n", qPrintable(queued.error()));
        return 1;
    }
    // A real event loop while draining (QTest::qWaitFor sleeps between polls).
    QElapsedTimer clock;
    int finished = 0;
    QObject::connect(&h.engine().sender(), &OutboxSender::sendFinished, &app, [&] {
        if (++finished == total)
            QCoreApplication::quit();
    });
    QTimer::singleShot(600000, &app, [] { QCoreApplication::exit(1); });
    clock.start();
    h.engine().sender().start();
    if (QCoreApplication::exec() != 0)
        return 1;
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const QJsonObject line{
        {QStringLiteral("bench"), QStringLiteral("outbound_drain")},
        {QStringLiteral("backend"), h.database().kind() == DatabaseUrl::Kind::Postgres
                                        ? QStringLiteral("postgresql")
                                        : QStringLiteral("sqlite")},
        {QStringLiteral("value"), double(total) / seconds},
        {QStringLiteral("unit"), QStringLiteral("msg/s")}};
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return 0;
}
