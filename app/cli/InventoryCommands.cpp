#include "cli/InventoryCommands.h"

#include "catalog/ProductCsv.h"
#include "storage/Store.h"

#include <QFile>
#include <QSaveFile>

namespace shopdesk {

void InventoryImportCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
}

int InventoryImportCommand::run(const QCommandLineParser &parser)
{
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return fail(QStringLiteral("Give one CSV file: shopdesk-cli inventory import --tenant "
                                   "SLUG products.csv"));
    QFile file(files.first());
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot open %1: %2").arg(file.fileName(), file.errorString()));
    auto parsed = ProductCsv::parse(file.readAll());
    if (!parsed)
        return fail(file.fileName() + QStringLiteral(": ") + parsed.error());
    if (!parsed->errors.isEmpty()) {
        for (const ProductCsv::RowError &e : std::as_const(parsed->errors))
            err() << file.fileName() << ": row " << e.row << ": " << e.message << '\n';
        return fail(
            QStringLiteral("Nothing imported: %1 (listed above). Fix the file and import "
                           "it again.")
                .arg(parsed->errors.size() == 1
                         ? QStringLiteral("one row has a problem")
                         : QStringLiteral("%1 rows have problems").arg(parsed->errors.size())));
    }
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    Store &store = *opened->store;
    const Tenant &t = opened->tenant;
    auto imported = store.catalog().upsertProducts(t.id, parsed->products);
    if (!imported)
        return fail(QStringLiteral("Nothing imported: %1").arg(imported.error()));
    out() << QStringLiteral("imported %1 products into %2\n").arg(imported.value()).arg(t.slug);
    return ExitOk;
}

void InventoryExportCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
}

int InventoryExportCommand::run(const QCommandLineParser &parser)
{
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    Store &store = *opened->store;
    const Tenant &t = opened->tenant;
    auto products = store.catalog().products(t.id);
    if (!products)
        return fail(products.error());
    const QByteArray csv = ProductCsv::write(products.value());
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        out() << QString::fromUtf8(csv);
        return ExitOk;
    }
    QSaveFile file(files.first());
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) < 0 || !file.commit())
        return fail(QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    err() << "exported " << products->size() << " products to " << file.fileName() << '\n';
    return ExitOk;
}

} // namespace shopdesk
