#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class DbMigrateCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("db migrate"); }
    QString description() const override
    {
        return QStringLiteral("Bring the database schema up to date.");
    }
    int run(const QCommandLineParser &parser) override;
};

class DbStatusCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("db status"); }
    QString description() const override
    {
        return QStringLiteral("Show where the database is, its schema version and pending "
                              "migrations.");
    }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
