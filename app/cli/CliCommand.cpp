#include "cli/CliCommand.h"

#include "engine/DataDirectory.h"
#include "storage/SecretKeyStore.h"
#include "storage/Store.h"

#include <cstdio>

namespace shopdesk {

QTextStream &CliCommand::out() const
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &CliCommand::err() const
{
    static QTextStream stream(stderr);
    return stream;
}

int CliCommand::fail(const QString &message) const
{
    out().flush();
    QTextStream err(stderr);
    err << "shopdesk-cli: " << message << Qt::endl;
    return ExitFailure;
}

int CliCommand::execute(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addOption(
        {QStringLiteral("database"),
         QStringLiteral("The store: sqlite:PATH or postgresql://user:pass@host:port/db "
                        "(default: shopdesk.sqlite3 in the data directory)."),
         QStringLiteral("URL")});
    parser.addOption({QStringLiteral("data-dir"),
                      QStringLiteral("Folder for the embedded database and media (default: "
                                     "$SHOPDESK_DATA_DIR or ~/.local/share/shopdesk)."),
                      QStringLiteral("DIR")});
    addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("shopdesk-cli")} + arguments)) {
        fail(parser.errorText() + QStringLiteral(" (see: shopdesk-cli %1 --help)").arg(name()));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        // Qt's first line names the program only; say the whole command instead.
        const QString text = parser.helpText();
        out() << "Usage: shopdesk-cli " << name() << " [options]" << positionalSyntax() << '\n'
              << text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        out().flush();
        return ExitOk;
    }
    return run(parser);
}

QString CliCommand::dataDir(const QCommandLineParser &parser) const
{
    return DataDirectory::resolve(parser.value(QStringLiteral("data-dir")));
}

Result<DatabaseUrl> CliCommand::databaseUrl(const QCommandLineParser &parser) const
{
    const QString given = parser.value(QStringLiteral("database"));
    if (!given.isEmpty())
        return DatabaseUrl::parse(given);
    const QString dir = dataDir(parser);
    if (auto ok = DataDirectory::ensure(dir); !ok)
        return Result<DatabaseUrl>::failure(ok.error());
    return DatabaseUrl::defaultFor(dir);
}

Result<std::unique_ptr<Store>> CliCommand::openStore(const QCommandLineParser &parser, bool migrate)
{
    auto url = databaseUrl(parser);
    if (!url)
        return Result<std::unique_ptr<Store>>::failure(url.error());
    auto store = Store::open(url.value(), migrate);
    if (!store)
        return store;
    // Channel tokens and model keys are sealed with this computer's data key, as the engine's.
    auto key = SecretKeyStore::load(dataDir(parser), SecretKeyStore::desktopSession());
    if (!key)
        return Result<std::unique_ptr<Store>>::failure(key.error());
    store.value()->setSecretBox(SecretBox(key.value().bytes));
    return store;
}

void CliCommand::addTenantOption(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("tenant"), QStringLiteral("The store's slug."), QStringLiteral("SLUG")});
}

Result<Tenant> CliCommand::tenant(Store &store, const QCommandLineParser &parser) const
{
    const QString slug = parser.value(QStringLiteral("tenant"));
    if (slug.isEmpty())
        return Result<Tenant>::failure(QStringLiteral("Say which store with --tenant SLUG."));
    return store.tenants().tenantBySlug(slug);
}

Result<CliCommand::OpenTenant> CliCommand::openTenant(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return Result<OpenTenant>::failure(store.error());
    auto t = tenant(*store.value(), parser);
    if (!t)
        return Result<OpenTenant>::failure(t.error());
    return OpenTenant{std::move(store.value()), t.value()};
}

} // namespace shopdesk
