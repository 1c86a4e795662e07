#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// shopdesk-cli report ask "aaj kitna sale hua?": a question in plain words (English or
// Hinglish) answered from the report, as the Analytics pane's question box does.
class ReportAskCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("report ask"); }
    QString description() const override
    {
        return QStringLiteral("Answer a question about the store's figures in plain words.");
    }
    QString positionalSyntax() const override { return QStringLiteral(" QUESTION"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
