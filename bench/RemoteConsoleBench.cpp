// The remote console's API against a running `shopdesk-cli serve` (bench/remote.sh starts it):
// the round trip of a request (the inbox's conversation list) and how long a customer's message
// takes from its webhook being sent to reaching a signed-in remote console as a live event.
//   shopdesk-bench-remote --ws URL --webhooks URL --database DB --store SLUG --name NAME
//                         [--requests N] [--messages N]          (password on standard input)
#include "BenchSupport.h"
#include "messaging/SimulatedWebhook.h"
#include "remote/RemoteConsoleClient.h"
#include "storage/ChannelStore.h"
#include "storage/SecretBox.h"
#include "storage/SecretKeyStore.h"
#include "storage/Store.h"
#include "storage/TenantStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>

using namespace shopdesk;
using namespace shopdesk::bench;

namespace {

// Runs the event loop until `done` says so, at most `ms`.
bool spin(const std::function<bool()> &done, int ms = 30000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

Channel channelOf(const QString &database, const QString &slug)
{
    std::unique_ptr<Store> store = need(Store::open(need(DatabaseUrl::parse(database)), false));
    const QString keyFile = qEnvironmentVariable("SHOPDESK_SECRET_KEY_FILE");
    store->setSecretBox(SecretBox(need(SecretKeyStore::fromFile(keyFile)).bytes));
    const Tenant tenant = need(store->tenants().tenantBySlug(slug));
    const QList<Channel> channels = need(store->channels().channels(tenant.id));
    if (channels.isEmpty())
        die(QStringLiteral("the store has no channel"));
    return channels.first();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    for (const char *name : {"ws", "webhooks", "database", "store", "name", "requests", "messages"})
        parser.addOption({QString::fromLatin1(name), QString(), QStringLiteral("VALUE")});
    parser.process(app);
    const int requests = parser.value(QStringLiteral("requests")).toInt() > 0
                             ? parser.value(QStringLiteral("requests")).toInt()
                             : 500;
    const int messages = parser.value(QStringLiteral("messages")).toInt() > 0
                             ? parser.value(QStringLiteral("messages")).toInt()
                             : 200;
    const QString password = QTextStream(stdin).readLine();
    const Channel channel =
        channelOf(parser.value(QStringLiteral("database")), parser.value(QStringLiteral("store")));

    RemoteConsoleClient client;
    QObject context;
    std::optional<Status> opened;
    client.open(RemoteConsoleClient::apiUrl(parser.value(QStringLiteral("ws"))), &context,
                [&](Status s) { opened = s; });
    if (!spin([&] { return opened.has_value(); }) || !*opened)
        die(QStringLiteral("cannot open the console API"));
    std::optional<Result<RemoteConsoleClient::Session>> session;
    client.signIn(parser.value(QStringLiteral("store")), parser.value(QStringLiteral("name")),
                  password, &context, [&](auto r) { session.emplace(std::move(r)); });
    if (!spin([&] { return session.has_value(); }) || !*session)
        die(QStringLiteral("cannot sign in: %1").arg(session ? session->error() : QString()));

    // Live events: a customer's message from its webhook to the console.
    QNetworkAccessManager network;
    QHash<QString, qint64> sentAt; // message text -> nanoseconds on the clock
    QElapsedTimer clock;
    clock.start();
    std::vector<double> eventMs;
    QObject::connect(&client, &RemoteConsoleClient::messagesAppended, &context,
                     [&](qint64, qint64, const QList<Message> &lines) {
                         for (const Message &m : lines) {
                             if (m.direction == Direction::Inbound && sentAt.contains(m.body))
                                 eventMs.push_back(
                                     double(clock.nsecsElapsed() - sentAt.take(m.body)) / 1e6);
                         }
                     });
    const QUrl webhooks(parser.value(QStringLiteral("webhooks")));
    for (int n = 0; n < messages; ++n) {
        const SimulatedWebhook hook = SimulatedWebhook::customerMessage(
            channel, webhooks, QStringLiteral("remote%1").arg(QDateTime::currentMSecsSinceEpoch()),
            n, 20);
        QNetworkRequest request(hook.url);
        for (const auto &[k, v] : hook.headers)
            request.setRawHeader(k, v);
        const size_t before = eventMs.size();
        sentAt.insert(QStringLiteral("Load test message %1: 2 milk aur 1 bread").arg(n),
                      clock.nsecsElapsed());
        QNetworkReply *reply = network.post(request, hook.body);
        QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        if (!spin([&] { return eventMs.size() > before; }, 10000))
            die(QStringLiteral("message %1 never reached the console").arg(n));
    }

    // Requests: the inbox's list, one after the other.
    std::vector<double> requestMs;
    for (int i = 0; i < requests; ++i) {
        bool answered = false;
        const qint64 start = clock.nsecsElapsed();
        client.conversations(&context, [&](Result<QList<ConversationSummary>> r) {
            if (!r)
                die(r.error());
            answered = true;
        });
        if (!spin([&] { return answered; }))
            die(QStringLiteral("a request went unanswered"));
        requestMs.push_back(double(clock.nsecsElapsed() - start) / 1e6);
    }
    const auto line = [](const char *name, double value) {
        printLine({{QStringLiteral("bench"), QString::fromLatin1(name)},
                   {QStringLiteral("value"), value},
                   {QStringLiteral("unit"), QStringLiteral("ms")}});
    };
    line("remote_event_p50", percentile(eventMs, 0.5));
    line("remote_event_p99", percentile(eventMs, 0.99));
    line("remote_request_p50", percentile(requestMs, 0.5));
    line("remote_request_p99", percentile(requestMs, 0.99));
    return 0;
}
