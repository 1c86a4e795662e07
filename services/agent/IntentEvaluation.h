#pragma once

#include "agent/IntentClassifier.h"
#include "agent/IntentExample.h"
#include "core/Result.h"

namespace shopdesk {

// How well intents are learnt from one set of examples and recognised in another: accuracy over
// all test sentences, accuracy over those in scope, out-of-scope recall and precision, the
// training time and the classification latency. Also reads example files: CSV with a header,
// the sentence in the first column and its intent in the second.
class IntentEvaluation
{
public:
    struct Report
    {
        int trainExamples = 0;
        int testExamples = 0;
        int intents = 0;
        int features = 0;
        double accuracy = 0;
        double inScopeAccuracy = 0;
        double oosRecall = 0;    // of the out-of-scope test sentences, how many were called so
        double oosPrecision = 0; // of those called out of scope, how many were
        int oosExamples = 0;
        double trainSeconds = 0;
        double classifyP50Ms = 0;
        double classifyP99Ms = 0;
    };

    static Result<IntentExamples> readCsv(const QString &path);
    static Result<IntentExamples> parseCsv(const QByteArray &bytes);

    // With no out-of-scope label in options, nothing counts as out of scope (threshold 0).
    static Result<Report> run(const IntentExamples &train, const IntentExamples &test,
                              IntentClassifier::Options options);
};

} // namespace shopdesk
