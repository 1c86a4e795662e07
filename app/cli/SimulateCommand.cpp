#include "cli/SimulateCommand.h"

#include "cli/WebhookLoadGenerator.h"
#include "storage/Store.h"

#include <QCoreApplication>
#include <QDateTime>
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
}

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
