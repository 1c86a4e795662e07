#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class OrderParseCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("order parse"); }
    QString description() const override
    {
        return QStringLiteral("Read the items of an order message and match them to products.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" TEXT..."); }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
