#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class SendCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("send"); }
    QString description() const override
    {
        return QStringLiteral("Queue a message in a conversation (the running engine sends it).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
