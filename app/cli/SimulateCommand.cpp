#include "cli/SimulateCommand.h"

#include "cli/WebhookLoadGenerator.h"
#include "storage/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void SimulateCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("channel"), QStringLiteral("The channel's id."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("The engine's address, e.g. http://127.0.0.1:8787."),
                      QStringLiteral("URL")});
    parser.addOption(
        {QStringLiteral("rate"),
         QStringLiteral("Requests per second (0: as fast as it answers; default 100)."),
         QStringLiteral("N")});
    parser.addOption({QStringLiteral("duration"),
                      QStringLiteral("Seconds to send for (default 10)."), QStringLiteral("S")});
    parser.addOption({QStringLiteral("customers"),
                      QStringLiteral("How many different customers write (default 200)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("connections"),
                      QStringLiteral("Parallel connections (default 48)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the report as JSON.")});
    parser.addOption({QStringLiteral("wrk-script"),
                      QStringLiteral("Instead of sending, write --count signed requests as a Lua "
                                     "script for the wrk load tool (bench/report.sh uses it)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("count"),
                      QStringLiteral("How many requests --wrk-script writes (default 100000)."),
                      QStringLiteral("N")});
}

namespace {

// The requests go to FILE.data (for each: a line "<header count> <path bytes> <body bytes>",
// then "name: value" lines, the path and the body); FILE is the Lua script that reads them
// into wrk once per thread and hands them out in turn.
int writeWrkScript(const QString &path, const Channel &channel, const QUrl &base,
                   const QString &runId, qint64 count, int customers, QTextStream &out)
{
    QFile data(path + QStringLiteral(".data"));
    QFile script(path);
    if (!data.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !script.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QTextStream(stderr) << "shopdesk-cli: cannot write " << path << '\n';
        return ExitFailure;
    }
    for (qint64 n = 0; n < count; ++n) {
        const SimulatedWebhook hook =
            SimulatedWebhook::customerMessage(channel, base, runId, n, customers);
        const QByteArray target = hook.url.path(QUrl::FullyEncoded).toUtf8();
        data.write(QByteArray::number(hook.headers.size()) + ' ' +
                   QByteArray::number(target.size()) + ' ' + QByteArray::number(hook.body.size()) +
                   '\n');
        for (const auto &[name, value] : hook.headers)
            data.write(name + ": " + value + '\n');
        data.write(target);
        data.write(hook.body);
    }
    script.write("-- Signed webhooks for wrk, written by shopdesk-cli simulate --wrk-script.\n"
                 "local requests = {}\n"
                 "local f = assert(io.open(\"" +
                 QFileInfo(data).absoluteFilePath().toUtf8() +
                 "\", \"rb\"))\n"
                 "while true do\n"
                 "  local line = f:read(\"*l\")\n"
                 "  if not line then break end\n"
                 "  local h, p, b = line:match(\"(%d+) (%d+) (%d+)\")\n"
                 "  local headers = {}\n"
                 "  for _ = 1, tonumber(h) do\n"
                 "    local name, value = f:read(\"*l\"):match(\"^([^:]+): (.*)$\")\n"
                 "    headers[name] = value\n"
                 "  end\n"
                 "  local target = f:read(tonumber(p))\n"
                 "  local body = f:read(tonumber(b))\n"
                 "  requests[#requests + 1] = wrk.format(\"POST\", target, headers, body)\n"
                 "end\n"
                 "f:close()\n"
                 "local i = 0\n"
                 "request = function()\n"
                 "  i = i % #requests + 1\n"
                 "  return requests[i]\n"
                 "end\n");
    out << "wrote " << count << " signed requests to " << path << " and " << data.fileName()
        << '\n';
    return ExitOk;
}

} // namespace

int SimulateCommand::run(const QCommandLineParser &parser)
{
    const qint64 channelId = parser.value(QStringLiteral("channel")).toLongLong();
    const QUrl base(parser.value(QStringLiteral("url")));
    if (channelId <= 0 || !base.isValid() || base.host().isEmpty())
        return fail(QStringLiteral("simulate needs --channel ID and --url http://HOST:PORT"));
    auto store = openStore(parser, false);
    if (!store)
        return fail(store.error());
    auto channels = store.value()->channels().allChannels(false);
    if (!channels)
        return fail(channels.error());
    std::optional<Channel> channel;
    for (const Channel &c : std::as_const(channels.value())) {
        if (c.id == channelId)
            channel = c;
    }
    if (!channel)
        return fail(QStringLiteral("There is no channel %1 in this database.").arg(channelId));
    store.value().reset(); // the engine under test owns the database

    WebhookLoadGenerator::Options options;
    if (parser.isSet(QStringLiteral("rate")))
        options.rate = parser.value(QStringLiteral("rate")).toInt();
    if (parser.isSet(QStringLiteral("duration")))
        options.seconds = parser.value(QStringLiteral("duration")).toDouble();
    if (parser.isSet(QStringLiteral("connections")))
        options.connections = parser.value(QStringLiteral("connections")).toInt();
    const int customers = parser.isSet(QStringLiteral("customers"))
                              ? parser.value(QStringLiteral("customers")).toInt()
                              : 200;
    const QString runId = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
    if (parser.isSet(QStringLiteral("wrk-script"))) {
        const qint64 count = parser.isSet(QStringLiteral("count"))
                                 ? parser.value(QStringLiteral("count")).toLongLong()
                                 : 100000;
        return writeWrkScript(parser.value(QStringLiteral("wrk-script")), *channel, base, runId,
                              count, customers, out());
    }
    WebhookLoadGenerator generator(options, [&](qint64 n) {
        return SimulatedWebhook::customerMessage(*channel, base, runId, n, customers);
    });
    int code = ExitOk;
    QObject::connect(&generator, &WebhookLoadGenerator::finished, &generator,
                     [&](const WebhookLoadGenerator::Report &r) {
                         const QJsonObject json{{QStringLiteral("sent"), r.sent},
                                                {QStringLiteral("acknowledged"), r.acknowledged},
                                                {QStringLiteral("rejected"), r.rejected},
                                                {QStringLiteral("failed"), r.failed},
                                                {QStringLiteral("seconds"), r.seconds},
                                                {QStringLiteral("rate"), r.rate()},
                                                {QStringLiteral("p50_ms"), r.percentile(50)},
                                                {QStringLiteral("p90_ms"), r.percentile(90)},
                                                {QStringLiteral("p99_ms"), r.percentile(99)},
                                                {QStringLiteral("max_ms"), r.percentile(100)},
                                                {QStringLiteral("first_error"), r.firstError}};
                         if (parser.isSet(QStringLiteral("json"))) {
                             out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
                         } else {
                             out()
                                 << "sent " << r.sent << ", acknowledged " << r.acknowledged
                                 << ", rejected " << r.rejected << ", no answer " << r.failed
                                 << " in " << QString::number(r.seconds, 'f', 2) << " s ("
                                 << QString::number(r.rate(), 'f', 0) << " acknowledged/s)\n"
                                 << "latency ms: p50 " << QString::number(r.percentile(50), 'f', 2)
                                 << ", p90 " << QString::number(r.percentile(90), 'f', 2)
                                 << ", p99 " << QString::number(r.percentile(99), 'f', 2)
                                 << ", max " << QString::number(r.percentile(100), 'f', 2) << '\n';
                             if (!r.firstError.isEmpty())
                                 out() << "first error: " << r.firstError << '\n';
                         }
                         code = (r.rejected + r.failed) == 0 ? ExitOk : ExitFailure;
                         QCoreApplication::exit(code);
                     });
    generator.start();
    QCoreApplication::exec();
    return code;
}

} // namespace shopdesk
