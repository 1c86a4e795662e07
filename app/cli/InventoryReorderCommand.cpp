#include "cli/InventoryReorderCommand.h"

#include "catalog/ReorderPlanner.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void InventoryReorderCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("weeks"),
                      QStringLiteral("How many weeks of sales the forecast reads (default 4)."),
                      QStringLiteral("N"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("lead-days"),
                      QStringLiteral("Days a delivery from the supplier takes (default 3)."),
                      QStringLiteral("N"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("cover-days"),
                      QStringLiteral("Days of sales an order should cover after it arrives "
                                     "(default 7)."),
                      QStringLiteral("N"), QStringLiteral("7")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the list as JSON.")});
}

int InventoryReorderCommand::run(const QCommandLineParser &parser)
{
    ReorderPlanner::Policy policy;
    bool ok[3] = {};
    policy.windowDays = parser.value(QStringLiteral("weeks")).toInt(&ok[0]) * 7;
    policy.leadDays = parser.value(QStringLiteral("lead-days")).toInt(&ok[1]);
    policy.coverDays = parser.value(QStringLiteral("cover-days")).toInt(&ok[2]);
    if (!ok[0] || !ok[1] || !ok[2] || policy.windowDays < 7 || policy.leadDays < 0 ||
        policy.coverDays < 0)
        return fail(QStringLiteral("--weeks must be 1 or more, --lead-days and --cover-days 0 or "
                                   "more (whole numbers)."));
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    auto lines = ReorderPlanner::forStore(*opened->store, opened->tenant.id,
                                          QDateTime::currentDateTimeUtc(), policy);
    if (!lines)
        return fail(lines.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const ReorderPlanner::Line &l : lines.value())
            rows.append(QJsonObject{{QStringLiteral("sku"), l.product.sku},
                                    {QStringLiteral("name"), l.product.name},
                                    {QStringLiteral("stock"), l.product.stock},
                                    {QStringLiteral("unit"), l.product.unit},
                                    {QStringLiteral("sold_per_day"), l.soldPerDay},
                                    {QStringLiteral("days_left"), l.daysLeft},
                                    {QStringLiteral("suggested"), l.suggested},
                                    {QStringLiteral("reason"), l.reason}});
        out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    if (lines->isEmpty()) {
        out() << "Nothing to reorder: every product is above its low-stock level and lasts "
              << policy.leadDays << " days or more at its recent sales.\n";
        return ExitOk;
    }
    for (const ReorderPlanner::Line &l : lines.value()) {
        // A pack ("500 g") is counted in packs; a loose unit ("kg") follows the number.
        const QString &unit = l.product.unit;
        const QString packs = !unit.isEmpty() && unit.front().isDigit()
                                  ? QStringLiteral(" \u00d7 ") + unit
                                  : (unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
        out() << l.product.sku << "  " << l.product.name << ": order " << l.suggested << packs
              << " (" << l.product.stock << " in stock, " << l.reason << ")\n";
    }
    return ExitOk;
}

} // namespace shopdesk
