#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

class KbImportCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("kb import"); }
    QString description() const override
    {
        return QStringLiteral("Import knowledge files (text, Markdown, HTML, FAQ CSV).");
    }
    void addOptions(QCommandLineParser &parser) override;
    QString positionalSyntax() const override { return QStringLiteral(" FILE..."); }
    int run(const QCommandLineParser &parser) override;
};

class KbListCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("kb list"); }
    QString description() const override
    {
        return QStringLiteral("List a store's knowledge documents and their passages.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
