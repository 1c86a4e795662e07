#pragma once

#include "agent/IntentExample.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <nlohmann/json_fwd.hpp>

namespace shopdesk {

// The features the intent classifier reads from a message: word unigrams and bigrams and
// character 2- to 5-grams inside word boundaries, of the normalized message (MessageNormalizer),
// weighted by sublinear TF-IDF and scaled to unit length. The vocabulary and the IDF weights are
// learnt from the training sentences; features seen in fewer than minCount sentences are left out.
class IntentFeatures
{
public:
    struct Feature
    {
        int index = 0; // 1-based, as liblinear counts
        double value = 0;
    };
    using Vector = QList<Feature>; // sorted by index

    static IntentFeatures learn(const QStringList &texts, int minCount = 1);

    int size() const { return static_cast<int>(m_idf.size()); }
    Vector vectorize(const QString &text) const;

    nlohmann::json toJson() const;
    static IntentFeatures fromJson(const nlohmann::json &json);

    // The n-grams of a normalized message, with repeats (for term counts).
    static QStringList grams(const QString &normalized);

private:
    QHash<QString, int> m_index; // gram -> 1-based index
    QVector<double> m_idf;       // by index - 1
};

} // namespace shopdesk
