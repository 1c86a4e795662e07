#include "agent/IntentEvaluation.h"

#include "knowledge/CsvTable.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>

namespace shopdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IntentEvaluation", text);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

} // namespace

Result<IntentExamples> IntentEvaluation::readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<IntentExamples>::failure(
            tr("Cannot open %1: %2").arg(path, file.errorString()));
    }
    auto examples = parseCsv(file.readAll());
    if (!examples)
        return Result<IntentExamples>::failure(path + QStringLiteral(": ") + examples.error());
    return examples;
}

Result<IntentExamples> IntentEvaluation::parseCsv(const QByteArray &bytes)
{
    auto rows = CsvTable::parse(bytes);
    if (!rows)
        return Result<IntentExamples>::failure(rows.error());
    if (rows->isEmpty())
        return Result<IntentExamples>::failure(tr("The file is empty."));
    IntentExamples examples;
    for (qsizetype i = 1; i < rows->size(); ++i) {
        const QStringList &row = rows->at(i);
        if (row.size() == 1 && row.first().trimmed().isEmpty())
            continue; // a blank line
        if (row.size() < 2 || row.at(0).trimmed().isEmpty() || row.at(1).trimmed().isEmpty()) {
            return Result<IntentExamples>::failure(
                tr("Row %1 needs a sentence in the first column and its intent in the second.")
                    .arg(i + 1));
        }
        examples.append({row.at(0).trimmed(), row.at(1).trimmed()});
    }
    if (examples.isEmpty())
        return Result<IntentExamples>::failure(tr("The file has a header but no examples."));
    return examples;
}

Result<IntentEvaluation::Report> IntentEvaluation::run(const IntentExamples &train,
                                                       const IntentExamples &test,
                                                       IntentClassifier::Options options)
{
    const bool withOos = !options.outOfScopeLabel.isEmpty();
    if (!withOos) {
        options.threshold = 0;
        options.outOfScopeLabel = QStringLiteral("\x01none");
    }
    QElapsedTimer timer;
    timer.start();
    auto model = IntentClassifier::train(train, options);
    if (!model)
        return Result<Report>::failure(model.error());
    Report r;
    r.trainSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    r.trainExamples = model->exampleCount();
    r.intents = static_cast<int>(model->labels().size());
    r.features = model->featureCount();
    r.testExamples = static_cast<int>(test.size());
    if (test.isEmpty())
        return Result<Report>::failure(tr("The test set has no examples."));

    int correct = 0, inScope = 0, inScopeCorrect = 0, oosTrue = 0, oosCalled = 0, oosHit = 0;
    std::vector<double> latencies;
    latencies.reserve(static_cast<size_t>(test.size()));
    for (const IntentExample &e : test) {
        timer.restart();
        const auto p = model->classify(e.text);
        latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        const bool isOos = withOos && e.label == options.outOfScopeLabel;
        correct += p.label == e.label ? 1 : 0;
        if (isOos) {
            ++oosTrue;
            oosHit += p.outOfScope ? 1 : 0;
        } else {
            ++inScope;
            inScopeCorrect += p.label == e.label ? 1 : 0;
        }
        oosCalled += p.outOfScope ? 1 : 0;
    }
    r.accuracy = double(correct) / double(test.size());
    r.inScopeAccuracy = inScope ? double(inScopeCorrect) / inScope : 0;
    r.oosExamples = oosTrue;
    r.oosRecall = oosTrue ? double(oosHit) / oosTrue : 0;
    r.oosPrecision = oosCalled ? double(oosHit) / oosCalled : 0;
    r.classifyP50Ms = percentile(latencies, 0.5);
    r.classifyP99Ms = percentile(latencies, 0.99);
    return r;
}

} // namespace shopdesk
