#include "cli/ReportAskCommand.h"

#include "analytics/AnalyticsService.h"
#include "analytics/ReportQuestion.h"
#include "storage/Store.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void ReportAskCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Print the metric, range and answer as JSON.")});
}

int ReportAskCommand::run(const QCommandLineParser &parser)
{
    const QString question = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (question.isEmpty())
        return fail(
            QStringLiteral("Ask a question, for example: report ask \"aaj kitna sale hua?\""));
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    if (const Status tuned = open->store->tuneForReports(); !tuned)
        return fail(tuned.error());
    // "Today" is the store's today.
    auto settings = open->store->tenants().settings(open->tenant.id);
    if (!settings)
        return fail(settings.error());
    ReportRange zoneOnly;
    AnalyticsService::applySettings(settings.value(), zoneOnly, nullptr);
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zoneOnly.zone).date();
    auto parsed = ReportQuestion::parse(question, today);
    if (!parsed) {
        out() << parsed.error() << '\n';
        return ExitFailure;
    }
    auto report = AnalyticsService::build(*open->store, open->tenant.id, parsed->range);
    if (!report)
        return fail(report.error());
    const QString answer = ReportQuestion::answer(parsed.value(), report.value());
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject o{{QStringLiteral("metric"), parsed->metric},
                            {QStringLiteral("from"), parsed->range.from.toString(Qt::ISODate)},
                            {QStringLiteral("to"), parsed->range.to.toString(Qt::ISODate)},
                            {QStringLiteral("chart"), ReportQuestion::chartOf(parsed->metric)},
                            {QStringLiteral("answer"), answer}};
        out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << answer << '\n';
    }
    return ExitOk;
}

} // namespace shopdesk
