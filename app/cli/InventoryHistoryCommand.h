#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// `inventory history --tenant T SKU`: a product's stock movements, newest first.
class InventoryHistoryCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inventory history"); }
    QString description() const override
    {
        return QStringLiteral("Show how a product's stock moved: orders, cancellations, edits "
                              "and imports, newest first.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" SKU"); }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
