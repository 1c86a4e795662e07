#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class InventoryImportCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inventory import"); }
    QString description() const override
    {
        return QStringLiteral("Import products from a CSV file (all rows or none).");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" FILE"); }
    int run(const QCommandLineParser &parser) override;
};

class InventoryExportCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inventory export"); }
    QString description() const override
    {
        return QStringLiteral("Write the store's products as CSV (to a file, or stdout).");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" [FILE]"); }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
