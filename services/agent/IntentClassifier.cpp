#include "agent/IntentClassifier.h"

#include <linear.h>
#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QMap>

#include <algorithm>
#include <cmath>
#include <vector>

namespace shopdesk {

namespace {

void quiet(const char *) {}

} // namespace

Result<IntentClassifier> IntentClassifier::train(const IntentExamples &examples,
                                                 const Options &options)
{
    QMap<QString, int> labelIndex;
    QStringList texts;
    texts.reserve(examples.size());
    for (const IntentExample &e : examples) {
        if (e.text.trimmed().isEmpty() || e.label.trimmed().isEmpty())
            continue;
        labelIndex.insert(e.label.trimmed(), 0);
        texts << e.text;
    }
    if (labelIndex.size() < 2) {
        return Result<IntentClassifier>::failure(QCoreApplication::translate(
            "IntentClassifier", "Training needs examples of at least two intents."));
    }
    int next = 0;
    for (auto it = labelIndex.begin(); it != labelIndex.end(); ++it)
        it.value() = next++;

    IntentClassifier model;
    model.m_options = options;
    model.m_labels = labelIndex.keys();
    model.m_features = IntentFeatures::learn(texts, options.minCount);
    const int nFeatures = model.m_features.size();

    // liblinear's problem: one row per example, with a bias feature at nFeatures + 1.
    std::vector<std::vector<feature_node>> rows;
    std::vector<double> y;
    rows.reserve(static_cast<size_t>(texts.size()));
    for (const IntentExample &e : examples) {
        if (e.text.trimmed().isEmpty() || e.label.trimmed().isEmpty())
            continue;
        std::vector<feature_node> row;
        for (const IntentFeatures::Feature &f : model.m_features.vectorize(e.text))
            row.push_back({f.index, f.value});
        row.push_back({nFeatures + 1, 1.0});
        row.push_back({-1, 0.0});
        rows.push_back(std::move(row));
        y.push_back(labelIndex.value(e.label.trimmed()));
    }
    std::vector<feature_node *> x;
    x.reserve(rows.size());
    for (auto &row : rows)
        x.push_back(row.data());

    problem prob{};
    prob.l = static_cast<int>(rows.size());
    prob.n = nFeatures + 1;
    prob.y = y.data();
    prob.x = x.data();
    prob.bias = 1.0;

    parameter param{};
    param.solver_type = L2R_LR;
    param.C = options.c;
    param.eps = 0.01;
    param.p = 0.1;
    if (const char *error = check_parameter(&prob, &param)) {
        return Result<IntentClassifier>::failure(
            QCoreApplication::translate("IntentClassifier",
                                        "The classifier could not be set up: %1")
                .arg(QString::fromUtf8(error)));
    }
    set_print_string_function(&quiet);
    struct model *trained = ::train(&prob, &param);
    if (!trained) {
        return Result<IntentClassifier>::failure(
            QCoreApplication::translate("IntentClassifier", "Training the classifier failed."));
    }

    // Copy the weights out, one column per intent in our label order.
    const int classes = static_cast<int>(model.m_labels.size());
    model.m_weights.fill(0.f, static_cast<qsizetype>(nFeatures) * classes);
    model.m_bias.fill(0.f, classes);
    const int trainedClasses = trained->nr_class;
    const int columns = trainedClasses == 2 ? 1 : trainedClasses;
    for (int col = 0; col < trainedClasses; ++col) {
        const int cls = trained->label[col];
        const int source = trainedClasses == 2 ? 0 : col;
        const float sign = (trainedClasses == 2 && col == 1) ? -1.f : 1.f;
        for (int f = 0; f < nFeatures; ++f)
            model.m_weights[static_cast<qsizetype>(f) * classes + cls] =
                sign * static_cast<float>(trained->w[static_cast<size_t>(f) * columns + source]);
        model.m_bias[cls] =
            sign *
            static_cast<float>(trained->w[static_cast<size_t>(nFeatures) * columns + source]);
    }
    free_and_destroy_model(&trained);
    model.m_examples = prob.l;
    return model;
}

IntentClassifier::Prediction IntentClassifier::classify(const QString &text) const
{
    Prediction p;
    const qsizetype classes = m_labels.size();
    if (classes == 0)
        return p;
    std::vector<double> score(static_cast<size_t>(classes));
    for (qsizetype c = 0; c < classes; ++c)
        score[static_cast<size_t>(c)] = m_bias.at(c);
    for (const IntentFeatures::Feature &f : m_features.vectorize(text)) {
        const float *row = m_weights.constData() + static_cast<qsizetype>(f.index - 1) * classes;
        for (qsizetype c = 0; c < classes; ++c)
            score[static_cast<size_t>(c)] += row[c] * f.value;
    }
    // liblinear's probabilities for one-vs-rest logistic regression: each intent's sigmoid,
    // normalized to sum to one.
    double sum = 0;
    for (double &s : score) {
        s = 1.0 / (1.0 + std::exp(-s));
        sum += s;
    }
    std::vector<int> order(static_cast<size_t>(classes));
    for (int c = 0; c < classes; ++c)
        order[static_cast<size_t>(c)] = c;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return score[static_cast<size_t>(a)] > score[static_cast<size_t>(b)];
    });
    for (size_t i = 0; i < std::min<size_t>(3, order.size()); ++i)
        p.ranking.append({m_labels.at(order[i]), score[static_cast<size_t>(order[i])] / sum});

    p.label = p.ranking.first().first;
    p.probability = p.ranking.first().second;
    for (const auto &[label, probability] : std::as_const(p.ranking)) {
        if (label != m_options.outOfScopeLabel) {
            p.bestInScope = label;
            break;
        }
    }
    p.outOfScope = p.label == m_options.outOfScopeLabel || p.probability < m_options.threshold;
    if (p.outOfScope)
        p.label = m_options.outOfScopeLabel;
    return p;
}

QByteArray IntentClassifier::save() const
{
    std::vector<std::string> labels;
    for (const QString &l : m_labels)
        labels.push_back(l.toStdString());
    const nlohmann::json json = {
        {"format", "shopdesk-intents-1"},
        {"labels", labels},
        {"features", m_features.toJson()},
        {"weights", std::vector<float>(m_weights.cbegin(), m_weights.cend())},
        {"bias", std::vector<float>(m_bias.cbegin(), m_bias.cend())},
        {"c", m_options.c},
        {"threshold", m_options.threshold},
        {"out_of_scope_label", m_options.outOfScopeLabel.toStdString()},
        {"examples", m_examples},
    };
    return QByteArray::fromStdString(json.dump());
}

Result<IntentClassifier> IntentClassifier::load(const QByteArray &bytes)
{
    try {
        const nlohmann::json json = nlohmann::json::parse(bytes.toStdString());
        if (json.value("format", std::string()) != "shopdesk-intents-1")
            throw std::runtime_error("it is not a Shopdesk intent model");
        IntentClassifier model;
        for (const auto &l : json.at("labels"))
            model.m_labels << QString::fromStdString(l.get<std::string>());
        model.m_features = IntentFeatures::fromJson(json.at("features"));
        const auto weights = json.at("weights").get<std::vector<float>>();
        const auto bias = json.at("bias").get<std::vector<float>>();
        if (weights.size() != static_cast<size_t>(model.m_features.size()) *
                                  static_cast<size_t>(model.m_labels.size()) ||
            bias.size() != static_cast<size_t>(model.m_labels.size()))
            throw std::runtime_error("its weights do not fit its features and intents");
        model.m_weights = QVector<float>(weights.cbegin(), weights.cend());
        model.m_bias = QVector<float>(bias.cbegin(), bias.cend());
        model.m_options.c = json.value("c", 10.0);
        model.m_options.threshold = json.value("threshold", 0.15);
        model.m_options.outOfScopeLabel =
            QString::fromStdString(json.value("out_of_scope_label", std::string("out_of_scope")));
        model.m_examples = json.value("examples", 0);
        return model;
    } catch (const std::exception &e) {
        return Result<IntentClassifier>::failure(
            QCoreApplication::translate("IntentClassifier", "The intent model cannot be read: %1.")
                .arg(QString::fromUtf8(e.what())));
    }
}

} // namespace shopdesk
