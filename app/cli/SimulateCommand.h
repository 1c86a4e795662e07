#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class SimulateCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("simulate"); }
    QString description() const override
    {
        return QStringLiteral("Send signed webhooks of a channel's provider to a running engine "
                              "and report latency.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
