#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class DemoLoadCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("demo load"); }
    QString description() const override
    {
        return QStringLiteral("Load the demo grocery store (id \"demo\"): products, knowledge, "
                              "customers and past conversations.");
    }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
