#include "cli/CustomerAddCommand.h"

#include "access/OperatorAccounts.h"
#include "accounts/AccountsService.h"
#include "storage/Store.h"

namespace shopdesk {

void CustomerAddCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    for (const char *field : {"name", "nickname", "landmark", "notes"})
        parser.addOption({QString::fromLatin1(field),
                          QStringLiteral("The customer's %1.").arg(QString::fromLatin1(field)),
                          QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("labels"), QStringLiteral("Labels, separated by commas."),
                      QStringLiteral("A,B")});
}

int CustomerAddCommand::run(const QCommandLineParser &parser)
{
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    CustomerProfile p;
    p.name = parser.value(QStringLiteral("name"));
    p.nickname = parser.value(QStringLiteral("nickname"));
    p.landmark = parser.value(QStringLiteral("landmark"));
    p.notes = parser.value(QStringLiteral("notes"));
    p.labels = parser.value(QStringLiteral("labels")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto added = AccountsService::addWalkIn(*opened->store, opened->tenant.id,
                                            OperatorAccounts::kCommandLine, p);
    if (!added)
        return fail(added.error());
    out() << "Added " << added->displayName() << " (customer " << added->contactId << ").\n";
    return ExitOk;
}

} // namespace shopdesk
