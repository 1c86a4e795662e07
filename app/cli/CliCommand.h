#pragma once

#include "domain/Tenant.h"
#include "storage/DatabaseUrl.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace shopdesk {

class Store;

// Exit codes of shopdesk-cli.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// One shopdesk-cli command ("db migrate", "tenant add", ...). Commands share --database and
// --data-dir; each prints its own --help. Errors are one line on stderr and a non-zero exit.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;        // "tenant add"
    virtual QString description() const = 0; // one line for the command list
    virtual void addOptions(QCommandLineParser &parser) { Q_UNUSED(parser) }
    virtual QString positionalSyntax() const { return {}; } // " FILE..." in the usage line
    virtual int run(const QCommandLineParser &parser) = 0;

    int execute(const QStringList &arguments); // parses, handles --help, runs

protected:
    // The database from --database, or the embedded default in the data directory.
    Result<DatabaseUrl> databaseUrl(const QCommandLineParser &parser) const;
    Result<std::unique_ptr<Store>> openStore(const QCommandLineParser &parser, bool migrate = true);
    int fail(const QString &message) const;
    // --tenant SLUG, shared by the commands that work on one store.
    static void addTenantOption(QCommandLineParser &parser);
    Result<Tenant> tenant(Store &store, const QCommandLineParser &parser) const;
    // The store and the --tenant in it, for commands that work on one store.
    struct OpenTenant
    {
        std::unique_ptr<Store> store;
        Tenant tenant;
    };
    Result<OpenTenant> openTenant(const QCommandLineParser &parser);
    QTextStream &out() const;
    QTextStream &err() const; // progress and notes, kept off the results on stdout

private:
    QString dataDir(const QCommandLineParser &parser) const;
};

} // namespace shopdesk
