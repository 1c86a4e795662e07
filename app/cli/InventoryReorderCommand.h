#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// `inventory reorder --tenant T`: what to buy, with suggested quantities (ReorderPlanner).
class InventoryReorderCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inventory reorder"); }
    QString description() const override
    {
        return QStringLiteral("List what to reorder: products low on stock or selling out "
                              "before a delivery, with a quantity from the last weeks' sales.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
