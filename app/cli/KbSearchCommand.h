#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class KbSearchCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("kb search"); }
    QString description() const override
    {
        return QStringLiteral("Search a store's knowledge: ranked passages and why they matched.");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" QUERY..."); }
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
