// Stock that follows orders, on SQLite and PostgreSQL: confirming takes the goods, cancelling
// gives them back, delivering keeps them taken, a changed confirmed order moves the difference,
// a person's edit and an import are movements of their own; an order for more than is left is
// refused with what is left and writes nothing; and two customers confirming the last unit at
// once, each on its own connection, end with one order and a stock of zero, never below.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "storage/Store.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace shopdesk;

class StockTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    DatabaseUrl m_url;
    std::unique_ptr<Store> m_store;
    qint64 m_tenant = 0;
    qint64 m_contact = 0;
    qint64 m_rice = 0;
    qint64 m_atta = 0;

    Order order(const QString &status, double rice, double atta = 0) const
    {
        Order o;
        o.contactId = m_contact;
        o.status = status;
        if (rice > 0)
            o.lines.append({0, m_rice, QStringLiteral("Basmati Rice"), rice, {}, 12000, 0});
        if (atta > 0)
            o.lines.append({0, m_atta, QStringLiteral("Atta"), atta, {}, 4500, 0});
        return o;
    }
    double stockOf(qint64 productId)
    {
        auto products = m_store->catalog().products(m_tenant);
        for (const Product &p : products.value())
            if (p.id == productId)
                return p.stock;
        return -1;
    }
    QList<StockLedger::Movement> movements(qint64 productId)
    {
        auto history = m_store->catalog().stockHistory(m_tenant, productId);
        return history ? history.value() : QList<StockLedger::Movement>{};
    }

private Q_SLOTS:
    void init()
    {
        m_url = m_databases.fresh();
        QVERIFY2(!m_url.toString().isEmpty(), qPrintable(m_databases.lastError()));
        SD_TAKE(store, Store::open(m_url));
        m_store = std::move(store);
        SD_TAKE(tenant, m_store->tenants().addTenant(QStringLiteral("s"), QStringLiteral("S")));
        m_tenant = tenant.id;
        SD_TAKE(contact, m_store->conversations().upsertContact(
                             m_tenant, QStringLiteral("+919800000001"), QStringLiteral("Rahul")));
        m_contact = contact.id;
        Product rice;
        rice.sku = QStringLiteral("RICE-5");
        rice.name = QStringLiteral("Basmati Rice");
        rice.unit = QStringLiteral("kg");
        rice.priceMinor = 12000;
        rice.stock = 5;
        Product atta = rice;
        atta.sku = QStringLiteral("ATTA-10");
        atta.name = QStringLiteral("Atta");
        atta.stock = 1;
        SD_VERIFY_OK(m_store->catalog().upsertProducts(m_tenant, {rice, atta}));
        SD_TAKE(products, m_store->catalog().products(m_tenant));
        for (const Product &p : products)
            (p.sku == rice.sku ? m_rice : m_atta) = p.id;
    }
    void cleanup() { m_store.reset(); }

    void confirmTakesCancelGivesBackDeliverKeeps()
    {
        // The import that created them is the first movement of each.
        QCOMPARE(movements(m_rice).size(), 1);
        QCOMPARE(movements(m_rice).first().reason, QStringLiteral("import"));
        QCOMPARE(movements(m_rice).first().stockAfter, 5.0);

        SD_TAKE(open, m_store->catalog().addOrder(m_tenant, order(QStringLiteral("open"), 2)));
        QCOMPARE(stockOf(m_rice), 5.0); // an open cart holds nothing
        Order confirmed = open;
        confirmed.status = QStringLiteral("confirmed");
        SD_TAKE(c, m_store->catalog().updateOrder(m_tenant, confirmed));
        QCOMPARE(stockOf(m_rice), 3.0);
        const auto taken = movements(m_rice).first();
        QCOMPARE(taken.reason, QStringLiteral("order"));
        QCOMPARE(taken.change, -2.0);
        QCOMPARE(taken.stockAfter, 3.0);
        QCOMPARE(taken.orderId, open.id);

        // More of it on the confirmed order: the difference only.
        Order more = order(QStringLiteral("confirmed"), 3.5);
        more.id = open.id;
        SD_VERIFY_OK(m_store->catalog().updateOrder(m_tenant, more));
        QCOMPARE(stockOf(m_rice), 1.5);
        QCOMPARE(movements(m_rice).first().reason, QStringLiteral("order_change"));
        QCOMPARE(movements(m_rice).first().change, -1.5);

        Order delivered = more;
        delivered.status = QStringLiteral("delivered");
        SD_VERIFY_OK(m_store->catalog().updateOrder(m_tenant, delivered));
        QCOMPARE(stockOf(m_rice), 1.5); // delivering keeps them taken
        QCOMPARE(movements(m_rice).size(), 3);

        SD_TAKE(second,
                m_store->catalog().addOrder(m_tenant, order(QStringLiteral("confirmed"), 1)));
        QCOMPARE(stockOf(m_rice), 0.5);
        Order cancelled = second;
        cancelled.status = QStringLiteral("cancelled");
        SD_VERIFY_OK(m_store->catalog().updateOrder(m_tenant, cancelled));
        QCOMPARE(stockOf(m_rice), 1.5);
        QCOMPARE(movements(m_rice).first().reason, QStringLiteral("cancel"));
        QCOMPARE(movements(m_rice).first().change, 1.0);
        QCOMPARE(movements(m_rice).size(), 5);
    }

    void notEnoughIsRefusedWithWhatIsLeft()
    {
        auto refused =
            m_store->catalog().addOrder(m_tenant, order(QStringLiteral("confirmed"), 2, 3));
        QVERIFY(!refused);
        QCOMPARE(refused.errorKind(), ErrorKind::Conflict);
        QCOMPARE(refused.error(), QStringLiteral("Only 1 kg of Atta is left (3 kg asked)."));
        // Nothing written: no order, no stock taken from the rice either.
        SD_TAKE(orders, m_store->catalog().orders(m_tenant));
        QVERIFY(orders.isEmpty());
        QCOMPARE(stockOf(m_rice), 5.0);
        QCOMPARE(stockOf(m_atta), 1.0);
        SD_TAKE(shortfall, m_store->catalog().stockShortfall(
                               m_tenant, order(QStringLiteral("confirmed"), 6, 1)));
        QCOMPARE(shortfall, QStringLiteral("Only 5 kg of Basmati Rice is left (6 kg asked)."));
        SD_TAKE(enough, m_store->catalog().stockShortfall(
                            m_tenant, order(QStringLiteral("confirmed"), 5, 1)));
        QVERIFY(enough.isEmpty());
        // Past orders (the demo's, an import) take nothing from today's stock.
        Order past = order(QStringLiteral("delivered"), 50);
        past.fromHistory = true;
        SD_VERIFY_OK(m_store->catalog().addOrder(m_tenant, past));
        QCOMPARE(stockOf(m_rice), 5.0);
    }

    void editsAndImportsAreMovementsWithTheirPerson()
    {
        Operator op;
        op.name = QStringLiteral("Meena");
        SD_TAKE(meena, m_store->operators().add(m_tenant, op));
        SD_TAKE(products, m_store->catalog().products(m_tenant));
        Product rice = products.first().id == m_rice ? products.first() : products.last();
        rice.stock = 12;
        SD_VERIFY_OK(m_store->catalog().updateProduct(m_tenant, rice.sku, rice, meena.id));
        const auto edit = movements(m_rice).first();
        QCOMPARE(edit.reason, QStringLiteral("edit"));
        QCOMPARE(edit.change, 7.0);
        QCOMPARE(edit.stockAfter, 12.0);
        QCOMPARE(edit.operatorName, QStringLiteral("Meena"));
        // A name change alone moves nothing.
        rice.name = QStringLiteral("Basmati Rice (5 kg)");
        SD_VERIFY_OK(m_store->catalog().updateProduct(m_tenant, rice.sku, rice, meena.id));
        QCOMPARE(movements(m_rice).size(), 2);
        rice.stock = 10;
        SD_VERIFY_OK(m_store->catalog().upsertProducts(m_tenant, {rice}, meena.id));
        QCOMPARE(movements(m_rice).first().reason, QStringLiteral("import"));
        QCOMPARE(movements(m_rice).first().change, -2.0);
        QCOMPARE(movements(m_atta).size(), 1); // not in that import
    }

    void theLastUnitGoesToOneOfTwoAtOnce()
    {
        // Two connections (two engine nodes, or the bot and a person), each confirming the
        // last bag of atta; however they interleave, one order stands and stock is 0.
        std::atomic<int> won{0};
        std::atomic<int> refused{0};
        QStringList reasons;
        std::mutex lock;
        const auto buy = [&] {
            auto store = Store::open(m_url);
            if (!store)
                return;
            auto r = store.value()->catalog().addOrder(m_tenant,
                                                       order(QStringLiteral("confirmed"), 0, 1));
            if (r) {
                ++won;
            } else {
                ++refused;
                const std::lock_guard guard(lock);
                reasons << r.error();
            }
        };
        std::thread a(buy);
        std::thread b(buy);
        a.join();
        b.join();
        QCOMPARE(won.load(), 1);
        QCOMPARE(refused.load(), 1);
        QCOMPARE(reasons, QStringList{QStringLiteral("Atta is sold out (1 kg asked).")});
        QCOMPARE(stockOf(m_atta), 0.0);
        SD_TAKE(orders, m_store->catalog().orders(m_tenant));
        QCOMPARE(orders.size(), 1);
        QCOMPARE(movements(m_atta).size(), 2); // the import, one order
    }
};

QTEST_GUILESS_MAIN(StockTest)
#include "tst_stock.moc"
