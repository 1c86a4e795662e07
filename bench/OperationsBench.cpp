// Store operations: the customers list and a customer's ledger as a store's book grows, a
// bill's PDF, and the owner's commands (a balance; a stock question over a real catalog).
//
// Usage: shopdesk-bench-operations --database URL [--catalog bigbasket_products.csv]
//            [--customers 2000] [--entries 40]
// One JSON object per line: {"bench", "backend", "value", "unit"}.
#include "BenchSupport.h"

#include "accounts/AccountsService.h"
#include "agent/AgentModels.h"
#include "bills/BillBuilder.h"
#include "bills/BillPdf.h"
#include "catalog/ProductCsv.h"
#include "owner/OwnerCommands.h"
#include "storage/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

using namespace shopdesk;
using namespace shopdesk::bench;

namespace {

struct Setup
{
    qint64 tenant = 0;
    qint64 owner = 0;
    QList<qint64> customers;
    qint64 order = 0;
};

Setup fill(Store &store, const QList<Product> &catalog, int customers, int entries)
{
    Setup s;
    s.tenant =
        need(store.tenants().addTenant(QStringLiteral("ops"), QStringLiteral("Ops Store"))).id;
    Operator owner;
    owner.name = QStringLiteral("Owner");
    owner.role = OperatorRole::Owner;
    s.owner = need(store.operators().add(s.tenant, owner)).id;
    need(store.catalog().upsertProducts(s.tenant, catalog));
    const QList<Product> products = need(store.catalog().products(s.tenant));
    need(store.transact([&]() -> Result<int> {
        for (int c = 0; c < customers; ++c) {
            CustomerProfile p;
            p.name = QStringLiteral("Customer %1").arg(c);
            p.nickname = QStringLiteral("nick%1").arg(c);
            p.landmark = QStringLiteral("lane %1").arg(c % 97);
            s.customers << need(store.customers().addWalkIn(s.tenant, p)).contactId;
            for (int e = 0; e < entries; ++e) {
                LedgerEntry entry;
                entry.contactId = s.customers.last();
                entry.kind = e % 3 == 2 ? LedgerEntry::Kind::Payment : LedgerEntry::Kind::Credit;
                entry.amountMinor = 1000 + 37 * e;
                need(store.ledger().record(s.tenant, entry));
            }
        }
        return 0;
    }));
    Order o;
    o.contactId = s.customers.first();
    o.status = QStringLiteral("confirmed");
    o.fromHistory = true;
    for (int i = 0; i < 20; ++i)
        o.lines.append({0, products.at(i).id, {}, 1 + i % 3, {}, products.at(i).priceMinor, 0});
    s.order = need(store.catalog().addOrder(s.tenant, o)).id;
    return s;
}

template<typename F> std::vector<double> timed(int runs, F f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f(i);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("database"), QStringLiteral("URL"), QStringLiteral("URL")},
                       {QStringLiteral("catalog"), QStringLiteral("CSV"), QStringLiteral("FILE")},
                       {QStringLiteral("customers"), QStringLiteral("N"), QStringLiteral("N"),
                        QStringLiteral("2000")},
                       {QStringLiteral("entries"), QStringLiteral("N"), QStringLiteral("N"),
                        QStringLiteral("40")}});
    parser.process(app);
    auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url)
        die(url.error());
    std::unique_ptr<Store> store = need(Store::open(url.value()));
    const QString backend =
        store->isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    QList<Product> catalog;
    if (parser.isSet(QStringLiteral("catalog"))) {
        QFile f(parser.value(QStringLiteral("catalog")));
        if (!f.open(QIODevice::ReadOnly))
            die(QStringLiteral("cannot read %1").arg(f.fileName()));
        catalog = need(ProductCsv::parse(f.readAll())).products;
    } else {
        for (int i = 0; i < 200; ++i) {
            Product p;
            p.sku = QStringLiteral("P%1").arg(i);
            p.name = QStringLiteral("Product %1").arg(i);
            p.priceMinor = 1000 + i;
            p.stock = 100;
            catalog << p;
        }
    }
    const int customers = parser.value(QStringLiteral("customers")).toInt();
    const int entries = parser.value(QStringLiteral("entries")).toInt();
    const Setup s = fill(*store, catalog, customers, entries);
    const auto line = [&](const char *name, double value, const char *unit) {
        printLine({{QStringLiteral("bench"), QString::fromLatin1(name)},
                   {QStringLiteral("backend"), backend},
                   {QStringLiteral("value"), value},
                   {QStringLiteral("unit"), QString::fromLatin1(unit)}});
    };
    Store &db = *store;
    auto list =
        timed(20, [&](int) { need(AccountsService::customers(db, s.tenant, s.owner, {})); });
    line("customers_list_p50", percentile(list, 0.5), "ms");
    auto search = timed(50, [&](int i) {
        need(AccountsService::customers(db, s.tenant, s.owner, QStringLiteral("lane %1").arg(i)));
    });
    line("customers_search_p50", percentile(search, 0.5), "ms");
    auto book = timed(200, [&](int i) {
        need(AccountsService::book(db, s.tenant, s.owner, s.customers.at(i % s.customers.size())));
    });
    line("ledger_book_p50", percentile(book, 0.5), "ms");
    auto payment = timed(200, [&](int i) {
        LedgerEntry e;
        e.contactId = s.customers.at(i % s.customers.size());
        e.kind = LedgerEntry::Kind::Payment;
        e.method = LedgerEntry::Method::Upi;
        e.amountMinor = 500;
        need(AccountsService::record(db, s.tenant, s.owner, e));
    });
    line("ledger_payment_p50", percentile(payment, 0.5), "ms");
    const Bill bill = need(BillBuilder::forOrder(db, s.tenant, s.order));
    qsizetype bytes = 0;
    auto pdf = timed(50, [&](int) { bytes = need(BillPdf::render(bill)).size(); });
    line("bill_pdf_20_lines_p50", percentile(pdf, 0.5), "ms");
    line("bill_pdf_bytes", double(bytes), "bytes");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto balance = timed(50, [&](int i) {
        need(OwnerCommands::handle(db, s.tenant, s.owner, {},
                                   QStringLiteral("nick%1 ka balance").arg(i), now));
    });
    line("owner_balance_p50", percentile(balance, 0.5), "ms");
    auto cold = timed(3, [&](int) {
        need(
            OwnerCommands::handle(db, s.tenant, s.owner, {}, QStringLiteral("atta ka stock"), now));
    });
    line("owner_stock_building_matcher_p50", percentile(cold, 0.5), "ms");
    // As the console and the bot ask: with the store's matcher kept (AgentModels).
    AgentModels models;
    const auto kept = need(models.forStore(db, s.tenant));
    auto stock = timed(50, [&](int) {
        need(OwnerCommands::handle(db, s.tenant, s.owner, {}, QStringLiteral("atta ka stock"), now,
                                   kept.products.get()));
    });
    line("owner_stock_p50", percentile(stock, 0.5), "ms");
    auto credit = timed(50, [&](int i) {
        OwnerContext cx;
        cx.customerId = s.customers.at(i % s.customers.size());
        need(OwnerCommands::handle(db, s.tenant, s.owner, cx,
                                   QStringLiteral("aur 2 kg chawal udhaar"), now,
                                   kept.products.get()));
    });
    line("owner_credit_goods_readback_p50", percentile(credit, 0.5), "ms");
    line("catalog_products", double(catalog.size()), "products");
    line("ledger_entries", double(customers) * entries, "entries");
    return 0;
}
