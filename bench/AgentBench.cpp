// The bot's benchmarks, run by bench/report.sh: the whole non-LLM pipeline per message on the
// demo store (decide + commit: normalize, intent, items, state, tools, reply, outbox, trace, in a
// real SQLite file), intent classification latency, and intent training time on 10,000 examples
// (HWU64's training set topped up from its test set). Prints one JSON object per line:
// {"bench":"...","value":...,"unit":"..."}
// Usage: shopdesk-bench-agent --hwu64 DIR [--conversations 200]
#include "agent/AgentTurn.h"
#include "agent/IntentEvaluation.h"
#include "agent/ShopIntents.h"
#include "demo/DemoStoreLoader.h"
#include "messaging/ChannelConfig.h"
#include "storage/Store.h"

#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace shopdesk;
using namespace shopdesk::bench;

namespace {

void report(const QString &bench, double value, const QString &unit)
{
    const QJsonObject o{{QStringLiteral("bench"), bench},
                        {QStringLiteral("value"), value},
                        {QStringLiteral("unit"), unit}};
    printLine(o);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("hwu64"), QStringLiteral("HWU64 directory"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("conversations"), QStringLiteral("Conversations"),
                      QStringLiteral("N"), QStringLiteral("200")});
    parser.process(app);

    QTemporaryDir dir;
    DatabaseUrl url = need(DatabaseUrl::parse(QStringLiteral("sqlite:") +
                                              dir.filePath(QStringLiteral("bench.sqlite3"))));
    auto store = need(Store::open(url));
    // As in the engine: write-ahead log checkpoints run beside the commits (SqliteCheckpointer),
    // not inside whichever commit crosses 1,000 pages.
    need(store->setAutomaticCheckpoints(false));
    const DemoSummary demo = need(DemoStoreLoader::load(*store));
    QJsonObject config;
    if (!ChannelConfig::validate(QStringLiteral("simulator"), config))
        die(QStringLiteral("simulator channel"));
    Channel channel;
    channel.provider = channel.name = QStringLiteral("simulator");
    channel.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
    channel = need(store->channels().addChannel(demo.tenantId, channel));

    // One customer's visit: a greeting, an order with a confirmation, an unclear item and its
    // answer, store facts, a price, the order's status, thanks.
    const QStringList visit = {
        QStringLiteral("hello"),
        QStringLiteral("2 dozen ande aur 1 litre amul milk bhej do"),
        QStringLiteral("haan"),
        QStringLiteral("2 milk"),
        QStringLiteral("1"),
        QStringLiteral("no"),
        QStringLiteral("dukan kab khulti hai"),
        QStringLiteral("what is the price of amul butter"),
        QStringLiteral("mera order kahan hai"),
        QStringLiteral("thank you"),
    };
    AgentModels models;
    need(models.forStore(*store, demo.tenantId)); // the first message of a node trains; not timed
    std::vector<double> latencies;
    const int conversations = parser.value(QStringLiteral("conversations")).toInt();
    for (int c = 0; c < conversations; ++c) {
        const Contact contact = need(store->conversations().upsertContact(
            demo.tenantId, QStringLiteral("+9198%1").arg(10000000 + c), QStringLiteral("Bench")));
        const Conversation conversation =
            need(store->conversations().openConversation(demo.tenantId, contact.id, channel.id));
        for (const QString &text : visit) {
            Message m;
            m.tenantId = demo.tenantId;
            m.conversationId = conversation.id;
            m.direction = Direction::Inbound;
            m.author = Author::Customer;
            m.body = text;
            m = need(store->conversations().appendMessage(demo.tenantId, m));
            QElapsedTimer t;
            t.start();
            auto plan =
                need(AgentTurn::decide(*store, models, {demo.tenantId, conversation.id, m}));
            if (!plan.knowledgeQuestion.isEmpty())
                die(QStringLiteral("\"%1\" needed the knowledge service").arg(text));
            need(AgentTurn::commit(*store, std::move(plan)));
            latencies.push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }
    report(QStringLiteral("pipeline_p50"), percentile(latencies, 0.5), QStringLiteral("ms"));
    report(QStringLiteral("pipeline_p99"), percentile(latencies, 0.99), QStringLiteral("ms"));
    report(QStringLiteral("pipeline_messages"), double(latencies.size()),
           QStringLiteral("messages"));

    const IntentClassifier shop = need(ShopIntents::trainForStore(*store, demo.tenantId));
    std::vector<double> classify;
    for (int i = 0; i < 20; ++i) {
        for (const QString &text : visit) {
            QElapsedTimer t;
            t.start();
            const auto p = shop.classify(text);
            classify.push_back(double(t.nsecsElapsed()) / 1e6);
            Q_UNUSED(p)
        }
    }
    report(QStringLiteral("intent_classify_p50"), percentile(classify, 0.5), QStringLiteral("ms"));

    if (parser.isSet(QStringLiteral("hwu64"))) {
        const QString hwu = parser.value(QStringLiteral("hwu64"));
        IntentExamples train = need(IntentEvaluation::readCsv(hwu + QStringLiteral("/train.csv")));
        const IntentExamples test =
            need(IntentEvaluation::readCsv(hwu + QStringLiteral("/test.csv")));
        for (qsizetype i = 0; train.size() < 10000 && i < test.size(); ++i)
            train.append(test.at(i));
        QElapsedTimer t;
        t.start();
        const IntentClassifier model = need(IntentClassifier::train(train));
        report(QStringLiteral("intent_train_10k"), double(t.nsecsElapsed()) / 1e9,
               QStringLiteral("s"));
        report(QStringLiteral("intent_train_examples"), double(model.exampleCount()),
               QStringLiteral("examples"));
    }
    return 0;
}
