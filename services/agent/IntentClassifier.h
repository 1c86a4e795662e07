#pragma once

#include "agent/IntentExample.h"
#include "agent/IntentFeatures.h"
#include "core/Result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace shopdesk {

// What a message means, learnt from examples: L2-regularized logistic regression (liblinear,
// one model per intent against the rest) over IntentFeatures. A message whose best intent is
// less likely than the threshold, or whose best intent is the out-of-scope label, is out of
// scope. Training copies the weights out of liblinear, so classifying needs no library state
// and is safe from any thread.
class IntentClassifier
{
public:
    struct Options
    {
        double c = 10;           // inverse regularization strength
        double threshold = 0.15; // below this probability the message is out of scope
        QString outOfScopeLabel = QStringLiteral("out_of_scope");
        int minCount = 1; // a feature must appear in this many sentences
    };
    struct Prediction
    {
        QString label; // the best intent, or the out-of-scope label
        double probability = 0;
        bool outOfScope = false;
        QString bestInScope; // the best intent even when out of scope (for the trace)
        QList<QPair<QString, double>> ranking; // the best three, most likely first
    };

    // Needs at least two intents; an intent needs at least one example.
    static Result<IntentClassifier> train(const IntentExamples &examples, const Options &options);
    static Result<IntentClassifier> train(const IntentExamples &examples)
    {
        return train(examples, Options{});
    }

    Prediction classify(const QString &text) const;

    const QStringList &labels() const { return m_labels; }
    const Options &options() const { return m_options; }
    void setThreshold(double threshold) { m_options.threshold = threshold; }
    int featureCount() const { return m_features.size(); }
    int exampleCount() const { return m_examples; }

    // A model file: features, weights and options in JSON.
    QByteArray save() const;
    static Result<IntentClassifier> load(const QByteArray &bytes);

private:
    Options m_options;
    IntentFeatures m_features;
    QStringList m_labels;
    QVector<float> m_weights; // feature-major: [(feature - 1) * classes + class]
    QVector<float> m_bias;    // per class
    int m_examples = 0;
};

} // namespace shopdesk
