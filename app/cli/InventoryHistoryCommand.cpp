#include "cli/InventoryHistoryCommand.h"

#include "storage/Store.h"

namespace shopdesk {

namespace {

QString reasonText(const StockLedger::Movement &m)
{
    if (m.reason == QLatin1String("order"))
        return QStringLiteral("order #%1").arg(m.orderId);
    if (m.reason == QLatin1String("order_change"))
        return QStringLiteral("order #%1 changed").arg(m.orderId);
    if (m.reason == QLatin1String("cancel"))
        return QStringLiteral("order #%1 cancelled").arg(m.orderId);
    return m.reason == QLatin1String("edit") ? QStringLiteral("edited")
                                             : QStringLiteral("imported");
}

} // namespace

void InventoryHistoryCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
}

int InventoryHistoryCommand::run(const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("Give one SKU: shopdesk-cli inventory history --tenant SLUG "
                                   "SKU"));
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    Store &store = *opened->store;
    const Tenant &t = opened->tenant;
    auto products = store.catalog().products(t.id);
    if (!products)
        return fail(products.error());
    const auto it = std::find_if(products->cbegin(), products->cend(),
                                 [&](const Product &p) { return p.sku == args.first(); });
    if (it == products->cend())
        return fail(QStringLiteral("The store %1 has no product with the SKU %2.")
                        .arg(t.slug, args.first()));
    auto history = store.catalog().stockHistory(t.id, it->id);
    if (!history)
        return fail(history.error());
    out() << it->name << " (" << it->sku << "): " << it->stock << ' ' << it->unit << " now\n";
    for (const StockLedger::Movement &m : history.value())
        out() << m.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "  "
              << (m.change > 0 ? QStringLiteral("+") : QString()) << m.change << "  "
              << reasonText(m) << "  left " << m.stockAfter
              << (m.operatorName.isEmpty() ? QString() : QStringLiteral("  by ") + m.operatorName)
              << '\n';
    if (history->isEmpty())
        out() << "no movements yet\n";
    return ExitOk;
}

} // namespace shopdesk
