#include "cli/ReportCommand.h"

#include "analytics/AnalyticsService.h"
#include "analytics/ReportFormat.h"
#include "storage/Store.h"

#include <QJsonDocument>

namespace shopdesk {

void ReportCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("First day, YYYY-MM-DD (default: 29 days before --to)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("to"),
                      QStringLiteral("Last day, YYYY-MM-DD, included (default: today)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("channel"), QStringLiteral("Only this channel's chats."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("group"),
                      QStringLiteral("Series by day, week or month (default day)."),
                      QStringLiteral("day|week|month")});
    parser.addOption({QStringLiteral("time-zone"),
                      QStringLiteral("Count days in this zone (default: the store's setting "
                                     "store.time_zone, else this computer's)."),
                      QStringLiteral("ZONE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print every figure as JSON.")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Print the tables as CSV.")});
}

int ReportCommand::run(const QCommandLineParser &parser)
{
    ReportRange range;
    range.channelId = parser.value(QStringLiteral("channel")).toLongLong();
    if (parser.isSet(QStringLiteral("group")) &&
        !ReportRange::groupingFromText(parser.value(QStringLiteral("group")), &range.grouping))
        return fail(QStringLiteral("--group is day, week or month."));
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    if (const Status tuned = open->store->tuneForReports(); !tuned)
        return fail(tuned.error());
    if (parser.isSet(QStringLiteral("time-zone"))) {
        range.zone = QTimeZone(parser.value(QStringLiteral("time-zone")).toUtf8());
        range.zoneChosen = true;
        if (!range.zone.isValid())
            return fail(QStringLiteral("Unknown time zone %1 (try Asia/Kolkata).")
                            .arg(parser.value(QStringLiteral("time-zone"))));
    }
    const QDate today = AnalyticsService::storeToday(*open->store, open->tenant.id, range);
    const auto date = [&](const char *option, QDate fallback, QDate *out) {
        const QString text = parser.value(QString::fromLatin1(option));
        *out = text.isEmpty() ? fallback : QDate::fromString(text, Qt::ISODate);
        return out->isValid();
    };
    if (!date("to", today, &range.to))
        return fail(QStringLiteral("--to needs a date like 2026-11-30."));
    if (!date("from", range.to.addDays(-29), &range.from))
        return fail(QStringLiteral("--from needs a date like 2026-11-01."));
    if (range.from > range.to)
        return fail(QStringLiteral("--from is after --to."));
    auto report = AnalyticsService::build(*open->store, open->tenant.id, range);
    if (!report)
        return fail(report.error());
    if (parser.isSet(QStringLiteral("json")))
        out()
            << QJsonDocument(ReportFormat::toJson(report.value())).toJson(QJsonDocument::Indented);
    else if (parser.isSet(QStringLiteral("csv")))
        out() << ReportFormat::toCsv(report.value());
    else
        out() << ReportFormat::toText(report.value());
    return ExitOk;
}

} // namespace shopdesk
