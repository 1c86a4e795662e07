#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class TenantAddCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("tenant add"); }
    QString description() const override { return QStringLiteral("Add a store."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

class TenantListCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("tenant list"); }
    QString description() const override { return QStringLiteral("List the stores."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
