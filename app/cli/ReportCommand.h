#pragma once

#include "cli/CliCommand.h"

namespace shopdesk {

// shopdesk-cli report: the same figures as the console's Analytics pane, from the same query
// service (AnalyticsService::build), as text, JSON or CSV.
class ReportCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("report"); }
    QString description() const override
    {
        return QStringLiteral("Print the store's analytics for a range of days.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace shopdesk
