#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class ServeCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("serve"); }
    QString description() const override
    {
        return QStringLiteral("Run the engine headless until SIGTERM or SIGINT, then shut down "
                              "cleanly.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
