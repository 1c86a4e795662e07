#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class MessagesCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("messages"); }
    QString description() const override
    {
        return QStringLiteral("List stored messages with their delivery status.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
