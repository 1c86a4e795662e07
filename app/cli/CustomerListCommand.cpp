#include "cli/CustomerListCommand.h"

#include "access/OperatorAccounts.h"
#include "accounts/AccountsService.h"
#include "core/Money.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void CustomerListCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("search"),
                      QStringLiteral("Only customers whose details hold all these words."),
                      QStringLiteral("WORDS")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the list as JSON.")});
}

int CustomerListCommand::run(const QCommandLineParser &parser)
{
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    auto list = AccountsService::customers(*opened->store, opened->tenant.id,
                                           OperatorAccounts::kCommandLine,
                                           parser.value(QStringLiteral("search")));
    if (!list)
        return fail(list.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const Customer &c : list.value())
            rows.append(QJsonObject{
                {QStringLiteral("id"), c.contactId},
                {QStringLiteral("name"), c.profile.name},
                {QStringLiteral("nickname"), c.profile.nickname},
                {QStringLiteral("landmark"), c.profile.landmark},
                {QStringLiteral("phone"), c.phone},
                {QStringLiteral("walk_in"), c.walkIn},
                {QStringLiteral("labels"), QJsonArray::fromStringList(c.profile.labels)},
                {QStringLiteral("balance_minor"), c.balanceMinor},
                {QStringLiteral("last_order"), c.lastOrderId},
                {QStringLiteral("opted_out"), c.optedOut}});
        out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    if (list->isEmpty()) {
        out() << "No customers" << (parser.isSet(QStringLiteral("search")) ? " fit that" : " yet")
              << ".\n";
        return ExitOk;
    }
    for (const Customer &c : list.value()) {
        out() << c.displayName();
        if (!c.profile.nickname.isEmpty() && c.profile.nickname != c.displayName())
            out() << " \u201c" << c.profile.nickname << "\u201d";
        out() << "  " << (c.walkIn ? QStringLiteral("walk-in") : QStringLiteral("+") + c.phone);
        if (!c.profile.landmark.isEmpty())
            out() << "  " << c.profile.landmark;
        if (c.balanceMinor != 0)
            out() << "  owes " << Money::format(c.balanceMinor);
        if (c.optedOut)
            out() << "  (no messages: wrote STOP)";
        out() << '\n';
    }
    return ExitOk;
}

} // namespace shopdesk
