#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class IntentTrainCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("intent train"); }
    QString description() const override
    {
        return QStringLiteral("Train an intent model from a CSV of examples and save it.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

class IntentClassifyCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("intent classify"); }
    QString description() const override
    {
        return QStringLiteral(
            "Tell the intent of a message, with the store's model or a saved one.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" TEXT..."); }
    int run(const QCommandLineParser &parser) override;
};

class IntentEvalCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("intent eval"); }
    QString description() const override
    {
        return QStringLiteral("Measure intent accuracy, out-of-scope recall and precision, "
                              "training time and latency.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
