#include "cli/DbCommands.h"

#include "storage/Store.h"

namespace shopdesk {

int DbMigrateCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser, false);
    if (!store)
        return fail(store.error());
    auto applied = store.value()->migrate();
    if (!applied)
        return fail(applied.error());
    for (const Migration &m : applied.value())
        out() << "applied " << QStringLiteral("%1").arg(m.version, 3, 10, QLatin1Char('0')) << ' '
              << m.name << '\n';
    auto status = store.value()->schemaStatus();
    if (!status)
        return fail(status.error());
    out() << store.value()->describe() << ": schema version " << status->currentVersion
          << (applied->isEmpty() ? " (already up to date)" : "") << '\n';
    return ExitOk;
}

int DbStatusCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser, false);
    if (!store)
        return fail(store.error());
    auto status = store.value()->schemaStatus();
    if (!status)
        return fail(status.error());
    out() << "database: " << store.value()->describe() << '\n'
          << "schema version: " << status->currentVersion << " of " << status->latestVersion
          << '\n';
    if (status->pending.isEmpty()) {
        out() << "up to date\n";
    } else {
        out() << "pending migrations (run: shopdesk-cli db migrate):\n";
        for (const Migration &m : status->pending)
            out() << "  " << QStringLiteral("%1").arg(m.version, 3, 10, QLatin1Char('0')) << ' '
                  << m.name << '\n';
    }
    return ExitOk;
}

} // namespace shopdesk
