#include "agent/IntentFeatures.h"

#include "agent/MessageNormalizer.h"

#include <nlohmann/json.hpp>

#include <QSet>

#include <algorithm>
#include <cmath>

namespace shopdesk {

QStringList IntentFeatures::grams(const QString &normalized)
{
    const QStringList words = normalized.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList out;
    out.reserve(words.size() * 12);
    for (qsizetype i = 0; i < words.size(); ++i) {
        out << QStringLiteral("w:") + words.at(i);
        if (i + 1 < words.size())
            out << QStringLiteral("b:") + words.at(i) + QLatin1Char(' ') + words.at(i + 1);
        const QString padded = QLatin1Char(' ') + words.at(i) + QLatin1Char(' ');
        for (int n = 2; n <= 5; ++n) {
            for (qsizetype s = 0; s + n <= padded.size(); ++s)
                out << QStringLiteral("c:") + padded.mid(s, n);
        }
    }
    return out;
}

IntentFeatures IntentFeatures::learn(const QStringList &texts, int minCount)
{
    QHash<QString, int> documentCount;
    for (const QString &text : texts) {
        const QStringList list = grams(MessageNormalizer::normalize(text));
        const QSet<QString> unique(list.cbegin(), list.cend());
        for (const QString &g : unique)
            ++documentCount[g];
    }
    // Indexes in a fixed order, so the same sentences always give the same model.
    QStringList kept;
    for (auto it = documentCount.cbegin(); it != documentCount.cend(); ++it) {
        if (it.value() >= minCount)
            kept << it.key();
    }
    std::sort(kept.begin(), kept.end());

    IntentFeatures f;
    const double n = static_cast<double>(texts.size());
    f.m_idf.reserve(kept.size());
    for (const QString &g : std::as_const(kept)) {
        f.m_index.insert(g, static_cast<int>(f.m_idf.size()) + 1);
        f.m_idf << std::log((1.0 + n) / (1.0 + documentCount.value(g))) + 1.0;
    }
    return f;
}

IntentFeatures::Vector IntentFeatures::vectorize(const QString &text) const
{
    QHash<int, int> counts;
    for (const QString &g : grams(MessageNormalizer::normalize(text))) {
        const auto it = m_index.constFind(g);
        if (it != m_index.cend())
            ++counts[it.value()];
    }
    Vector v;
    v.reserve(counts.size());
    double norm = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const double value = (1.0 + std::log(it.value())) * m_idf.at(it.key() - 1);
        v.append({it.key(), value});
        norm += value * value;
    }
    std::sort(v.begin(), v.end(),
              [](const Feature &a, const Feature &b) { return a.index < b.index; });
    if (norm > 0) {
        norm = std::sqrt(norm);
        for (Feature &f : v)
            f.value /= norm;
    }
    return v;
}

nlohmann::json IntentFeatures::toJson() const
{
    std::vector<std::string> grams(m_idf.size());
    for (auto it = m_index.cbegin(); it != m_index.cend(); ++it)
        grams[static_cast<size_t>(it.value() - 1)] = it.key().toStdString();
    return {{"grams", grams}, {"idf", std::vector<double>(m_idf.cbegin(), m_idf.cend())}};
}

IntentFeatures IntentFeatures::fromJson(const nlohmann::json &json)
{
    IntentFeatures f;
    const auto &grams = json.at("grams");
    const auto &idf = json.at("idf");
    if (grams.size() != idf.size())
        throw std::runtime_error("the feature list and its weights differ in length");
    f.m_idf.reserve(static_cast<qsizetype>(idf.size()));
    for (size_t i = 0; i < grams.size(); ++i) {
        f.m_index.insert(QString::fromStdString(grams[i].get<std::string>()),
                         static_cast<int>(i) + 1);
        f.m_idf << idf[i].get<double>();
    }
    return f;
}

} // namespace shopdesk
