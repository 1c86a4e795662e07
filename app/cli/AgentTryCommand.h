#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class AgentTryCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("agent try"); }
    QString description() const override
    {
        return QStringLiteral("Show what the bot would understand and reply to a message.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" TEXT..."); }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
