// Storage benchmarks, run by bench/report.sh on both backends. Prints one JSON object per line:
//   {"bench":"...","backend":"...","value":...,"unit":"..."}
// Usage: shopdesk-bench-store --database URL [--messages N] [--single N] [--batched N]
#include "storage/Store.h"

#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace shopdesk;
using namespace shopdesk::bench;

namespace {

QString g_backend;

void report(const QString &bench, double value, const QString &unit, const QJsonObject &extra = {})
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("bench"), bench);
    o.insert(QStringLiteral("backend"), g_backend);
    o.insert(QStringLiteral("value"), value);
    o.insert(QStringLiteral("unit"), unit);
    printLine(o);
}

Message message(qint64 conversationId, int i)
{
    Message m;
    m.conversationId = conversationId;
    m.author = i % 2 ? Author::Bot : Author::Customer;
    m.direction = i % 2 ? Direction::Outbound : Direction::Inbound;
    m.body = QStringLiteral("2 doodh aur 1 bread bhej do, message %1").arg(i);
    m.providerMessageId = QStringLiteral("wamid.bench.%1").arg(i);
    return m;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("shopdesk.*.info=false"));
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("database"), QStringLiteral("Database URL"), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Messages for the read test"),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("single"),
                      QStringLiteral("Messages inserted one transaction each"), QStringLiteral("N"),
                      QStringLiteral("3000")});
    parser.addOption({QStringLiteral("batched"),
                      QStringLiteral("Messages inserted in batches of 500"), QStringLiteral("N"),
                      QStringLiteral("100000")});
    parser.addHelpOption();
    parser.process(app);

    const auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url)
        die(url.error());
    g_backend = url->kind() == DatabaseUrl::Kind::Postgres ? QStringLiteral("postgresql")
                                                           : QStringLiteral("sqlite");
    auto store = need(Store::open(url.value()));
    const qint64 tenant =
        need(store->tenants().addTenant(QStringLiteral("bench"), QStringLiteral("Bench"))).id;

    // Conversations to write into and read from.
    const int conversationCount = 1000;
    std::vector<qint64> conversations;
    for (int i = 0; i < conversationCount; ++i) {
        const auto contact = need(store->conversations().upsertContact(
            tenant, QStringLiteral("9190%1").arg(i, 8, 10, QLatin1Char('0')), QString()));
        conversations.push_back(
            need(store->conversations().openConversation(tenant, contact.id)).id);
    }

    // 1. One transaction per message: what an inbound webhook costs when acknowledged one by one.
    const int single = parser.value(QStringLiteral("single")).toInt();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < single; ++i)
        need(store->conversations().appendMessage(
            tenant, message(conversations[size_t(i) % conversations.size()], i)));
    report(QStringLiteral("insert_single"), single / (timer.nsecsElapsed() / 1e9),
           QStringLiteral("msg/s"), {{QStringLiteral("n"), single}});

    // 2. Batched: 500 messages per transaction.
    const int batched = parser.value(QStringLiteral("batched")).toInt();
    timer.restart();
    for (int done = 0; done < batched;) {
        QList<Message> batch;
        for (int k = 0; k < 500 && done < batched; ++k, ++done)
            batch << message(conversations[size_t(done) % conversations.size()], done);
        need(store->conversations().appendMessages(tenant, batch));
    }
    report(QStringLiteral("insert_batched"), batched / (timer.nsecsElapsed() / 1e9),
           QStringLiteral("msg/s"),
           {{QStringLiteral("n"), batched}, {QStringLiteral("batch"), 500}});

    // 3. The latest 50 messages of one conversation among N messages in the store.
    const int total = parser.value(QStringLiteral("messages")).toInt();
    int stored = single + batched;
    timer.restart();
    while (stored < total) {
        QList<Message> batch;
        for (int k = 0; k < 5000 && stored < total; ++k, ++stored)
            batch << message(
                conversations[size_t(QRandomGenerator::global()->bounded(conversationCount))],
                stored);
        need(store->conversations().appendMessages(tenant, batch));
    }
    const double fillSeconds = timer.nsecsElapsed() / 1e9;
    std::vector<double> latencies;
    for (int i = 0; i < 2000; ++i) {
        const qint64 c =
            conversations[size_t(QRandomGenerator::global()->bounded(conversationCount))];
        timer.restart();
        const auto page = need(store->conversations().latestMessages(tenant, c, 50));
        latencies.push_back(timer.nsecsElapsed() / 1e6);
        if (page.size() != 50)
            die(QStringLiteral("expected 50 messages, got %1").arg(page.size()));
    }
    const QJsonObject n{{QStringLiteral("messages"), stored},
                        {QStringLiteral("fill_s"), fillSeconds}};
    report(QStringLiteral("latest50_p50"), percentile(latencies, 0.50), QStringLiteral("ms"), n);
    report(QStringLiteral("latest50_p99"), percentile(latencies, 0.99), QStringLiteral("ms"), n);
    return 0;
}
