#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class KbEvalCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("kb eval"); }
    QString description() const override
    {
        return QStringLiteral("Measure retrieval on a BEIR-format set: nDCG@10, recall@10/100, "
                              "MRR@10 and query latency.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
