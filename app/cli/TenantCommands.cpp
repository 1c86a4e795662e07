#include "cli/TenantCommands.h"

#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {
namespace {

QJsonObject toJson(const Tenant &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("slug"), t.slug},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("created_at"), t.createdAt.toUTC().toString(Qt::ISODate)}};
}

} // namespace

void TenantAddCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("slug"),
                      QStringLiteral("Short id of the store: lower-case letters, digits, dashes."),
                      QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("name"), QStringLiteral("The store's name."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the store as JSON.")});
}

int TenantAddCommand::run(const QCommandLineParser &parser)
{
    const QString slug = parser.value(QStringLiteral("slug"));
    const QString name = parser.value(QStringLiteral("name"));
    if (slug.isEmpty() || name.isEmpty())
        return fail(QStringLiteral("tenant add needs --slug and --name (see: shopdesk-cli tenant "
                                   "add --help)"));
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = store.value()->tenants().addTenant(slug, name);
    if (!tenant)
        return fail(tenant.error());
    if (parser.isSet(QStringLiteral("json")))
        out() << QJsonDocument(toJson(tenant.value())).toJson(QJsonDocument::Compact) << '\n';
    else
        out() << "added store " << tenant->slug << " (" << tenant->name << ")\n";
    return ExitOk;
}

void TenantListCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the stores as JSON.")});
}

int TenantListCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenants = store.value()->tenants().tenants();
    if (!tenants)
        return fail(tenants.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Tenant &t : tenants.value())
            array.append(toJson(t));
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    if (tenants->isEmpty()) {
        out() << "no stores yet (add one: shopdesk-cli tenant add --slug S --name N)\n";
        return ExitOk;
    }
    int width = 4;
    for (const Tenant &t : tenants.value())
        width = std::max(width, int(t.slug.size()));
    out() << QStringLiteral("SLUG").leftJustified(width + 2) << "NAME\n";
    for (const Tenant &t : tenants.value())
        out() << t.slug.leftJustified(width + 2) << t.name << '\n';
    return ExitOk;
}

} // namespace shopdesk
