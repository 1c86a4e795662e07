#include "cli/IntentCommands.h"

#include "agent/IntentEvaluation.h"
#include "agent/ShopIntents.h"
#include "storage/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace shopdesk {

namespace {

void addModelOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("c"),
                      QStringLiteral("Inverse regularization strength (default 10)."),
                      QStringLiteral("C")});
    parser.addOption({QStringLiteral("threshold"),
                      QStringLiteral("Below this probability a message is out of scope "
                                     "(default 0.15)."),
                      QStringLiteral("P")});
}

Result<IntentClassifier::Options> modelOptions(const QCommandLineParser &parser)
{
    IntentClassifier::Options options;
    bool ok = true;
    if (parser.isSet(QStringLiteral("c"))) {
        options.c = parser.value(QStringLiteral("c")).toDouble(&ok);
        if (!ok || options.c <= 0)
            return Result<IntentClassifier::Options>::failure(
                QStringLiteral("--c must be a number above 0."));
    }
    if (parser.isSet(QStringLiteral("threshold"))) {
        options.threshold = parser.value(QStringLiteral("threshold")).toDouble(&ok);
        if (!ok || options.threshold < 0 || options.threshold > 1)
            return Result<IntentClassifier::Options>::failure(
                QStringLiteral("--threshold must be a number from 0 to 1."));
    }
    return options;
}

} // namespace

void IntentTrainCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("examples"),
                      QStringLiteral("CSV with a header: sentence, intent. Default: the examples "
                                     "Shopdesk ships for a shop."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Where to save the model."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("oos-label"),
                      QStringLiteral("The label of out-of-scope examples (default out_of_scope)."),
                      QStringLiteral("LABEL")});
    addModelOptions(parser);
}

int IntentTrainCommand::run(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("out")))
        return fail(QStringLiteral("Say where to save the model: --out FILE"));
    auto examples = parser.isSet(QStringLiteral("examples"))
                        ? IntentEvaluation::readCsv(parser.value(QStringLiteral("examples")))
                        : ShopIntents::shippedExamples();
    if (!examples)
        return fail(examples.error());
    auto options = modelOptions(parser);
    if (!options)
        return fail(options.error());
    if (parser.isSet(QStringLiteral("oos-label")))
        options->outOfScopeLabel = parser.value(QStringLiteral("oos-label"));
    QElapsedTimer timer;
    timer.start();
    auto model = IntentClassifier::train(examples.value(), options.value());
    if (!model)
        return fail(model.error());
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    QSaveFile file(parser.value(QStringLiteral("out")));
    if (!file.open(QIODevice::WriteOnly) || file.write(model->save()) < 0 || !file.commit())
        return fail(QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    out() << QStringLiteral("trained %1 intents from %2 examples (%3 features) in %4 s\n")
                 .arg(model->labels().size())
                 .arg(model->exampleCount())
                 .arg(model->featureCount())
                 .arg(seconds, 0, 'f', 2)
          << QStringLiteral("saved to %1\n").arg(file.fileName());
    return ExitOk;
}

void IntentClassifyCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("model"),
                      QStringLiteral("A model saved by `intent train`. Default: the store's "
                                     "intents (Shopdesk's examples and the store's own)."),
                      QStringLiteral("FILE")});
    addTenantOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
}

int IntentClassifyCommand::run(const QCommandLineParser &parser)
{
    const QString text = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("Give the message: shopdesk-cli intent classify \"2 milk "
                                   "bhej do\""));
    Result<IntentClassifier> model = Result<IntentClassifier>::failure({});
    if (parser.isSet(QStringLiteral("model"))) {
        QFile file(parser.value(QStringLiteral("model")));
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                QStringLiteral("Cannot open %1: %2").arg(file.fileName(), file.errorString()));
        model = IntentClassifier::load(file.readAll());
    } else {
        auto store = openStore(parser);
        if (!store)
            return fail(store.error());
        auto t = tenant(*store.value(), parser);
        if (!t)
            return fail(t.error());
        model = ShopIntents::trainForStore(*store.value(), t->id);
    }
    if (!model)
        return fail(model.error());
    const auto p = model->classify(text);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray ranking;
        for (const auto &[label, probability] : p.ranking)
            ranking.append(QJsonObject{{QStringLiteral("intent"), label},
                                       {QStringLiteral("probability"), probability}});
        out() << QJsonDocument(QJsonObject{{QStringLiteral("intent"), p.label},
                                           {QStringLiteral("probability"), p.probability},
                                           {QStringLiteral("out_of_scope"), p.outOfScope},
                                           {QStringLiteral("ranking"), ranking}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return ExitOk;
    }
    out() << p.label << QStringLiteral("  %1").arg(p.probability, 0, 'f', 2)
          << (p.outOfScope && p.label != p.ranking.first().first
                  ? QStringLiteral("  (best guess %1 is below the threshold)")
                        .arg(p.ranking.first().first)
                  : QString())
          << '\n';
    for (const auto &[label, probability] : p.ranking)
        out()
            << QStringLiteral("  %1 %2\n").arg(label.leftJustified(20)).arg(probability, 0, 'f', 3);
    return ExitOk;
}

void IntentEvalCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("train"),
                      QStringLiteral("Training CSV with a header: sentence, intent."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("test"),
                      QStringLiteral("Test CSV with a header: sentence, intent."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("oos-label"),
                      QStringLiteral("The label of out-of-scope sentences; without it nothing "
                                     "counts as out of scope."),
                      QStringLiteral("LABEL")});
    addModelOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the results as JSON.")});
}

int IntentEvalCommand::run(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("train")) || !parser.isSet(QStringLiteral("test")))
        return fail(QStringLiteral("Say where the examples are: shopdesk-cli intent eval --train "
                                   "train.csv --test test.csv"));
    auto train = IntentEvaluation::readCsv(parser.value(QStringLiteral("train")));
    if (!train)
        return fail(train.error());
    auto test = IntentEvaluation::readCsv(parser.value(QStringLiteral("test")));
    if (!test)
        return fail(test.error());
    auto options = modelOptions(parser);
    if (!options)
        return fail(options.error());
    options->outOfScopeLabel = parser.value(QStringLiteral("oos-label"));
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!json)
        err() << "training on " << train->size() << " examples…\n";
    auto report = IntentEvaluation::run(train.value(), test.value(), options.value());
    if (!report)
        return fail(report.error());
    const IntentEvaluation::Report &r = report.value();
    const bool withOos = !options->outOfScopeLabel.isEmpty();
    if (json) {
        QJsonObject o{{QStringLiteral("train_examples"), r.trainExamples},
                      {QStringLiteral("test_examples"), r.testExamples},
                      {QStringLiteral("intents"), r.intents},
                      {QStringLiteral("features"), r.features},
                      {QStringLiteral("accuracy"), r.accuracy},
                      {QStringLiteral("in_scope_accuracy"), r.inScopeAccuracy},
                      {QStringLiteral("train_seconds"), r.trainSeconds},
                      {QStringLiteral("classify_p50_ms"), r.classifyP50Ms},
                      {QStringLiteral("classify_p99_ms"), r.classifyP99Ms}};
        if (withOos) {
            o.insert(QStringLiteral("oos_examples"), r.oosExamples);
            o.insert(QStringLiteral("oos_recall"), r.oosRecall);
            o.insert(QStringLiteral("oos_precision"), r.oosPrecision);
        }
        out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    out() << QStringLiteral("examples            %1 train, %2 test, %3 intents, %4 features\n")
                 .arg(r.trainExamples)
                 .arg(r.testExamples)
                 .arg(r.intents)
                 .arg(r.features)
          << QStringLiteral("accuracy            %1\nin-scope accuracy   %2\n")
                 .arg(r.accuracy, 0, 'f', 4)
                 .arg(r.inScopeAccuracy, 0, 'f', 4);
    if (withOos) {
        out() << QStringLiteral("out-of-scope        recall %1, precision %2 (%3 sentences)\n")
                     .arg(r.oosRecall, 0, 'f', 4)
                     .arg(r.oosPrecision, 0, 'f', 4)
                     .arg(r.oosExamples);
    }
    out() << QStringLiteral("training            %1 s\nclassification      p50 %2 ms, p99 %3 ms\n")
                 .arg(r.trainSeconds, 0, 'f', 2)
                 .arg(r.classifyP50Ms, 0, 'f', 3)
                 .arg(r.classifyP99Ms, 0, 'f', 3);
    return ExitOk;
}

} // namespace shopdesk
