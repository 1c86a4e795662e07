// The "to reorder" list: which products, how many, from which sales (ReorderPlanner).
#include "catalog/ReorderPlanner.h"

#include "TestDatabases.h"
#include "TestSupport.h"
#include "storage/SqlBackend.h"
#include "storage/Store.h"

#include <QTest>

using namespace shopdesk;

class ReorderTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    std::unique_ptr<Store> m_store;
    qint64 m_tenant = 0;
    qint64 m_contact = 0;
    QHash<QString, qint64> m_ids; // sku -> product id

    static Product product(const QString &sku, double threshold)
    {
        Product p;
        p.sku = sku;
        p.name = sku;
        p.unit = QStringLiteral("kg");
        p.priceMinor = 5000;
        p.stock = 1000; // plenty while the orders are placed
        p.lowStockThreshold = threshold;
        return p;
    }
    Order placed(const QString &status, const QString &sku, double quantity)
    {
        Order o;
        o.contactId = m_contact;
        o.status = status;
        o.lines.append({0, m_ids.value(sku), sku, quantity, {}, 5000, 0});
        auto added = m_store->catalog().addOrder(m_tenant, o);
        if (!added)
            qFatal("%s", qPrintable(added.error()));
        return added.value();
    }
    // Sets these products' stock, as a person's edit would; their other fields stay.
    void setStock(const QHash<QString, double> &stock)
    {
        auto products = m_store->catalog().products(m_tenant);
        QVERIFY(products);
        QList<Product> changed;
        for (Product p : products.value()) {
            if (!stock.contains(p.sku))
                continue;
            p.stock = stock.value(p.sku);
            changed << p;
        }
        QVERIFY(m_store->catalog().upsertProducts(m_tenant, changed));
    }

private Q_SLOTS:
    void init()
    {
        const DatabaseUrl url = m_databases.fresh();
        QVERIFY2(!url.toString().isEmpty(), qPrintable(m_databases.lastError()));
        SD_TAKE(store, Store::open(url));
        m_store = std::move(store);
        SD_TAKE(tenant, m_store->tenants().addTenant(QStringLiteral("s"), QStringLiteral("S")));
        m_tenant = tenant.id;
        SD_TAKE(contact, m_store->conversations().upsertContact(
                             m_tenant, QStringLiteral("+919800000001"), QStringLiteral("Rahul")));
        m_contact = contact.id;
        SD_VERIFY_OK(m_store->catalog().upsertProducts(
            m_tenant, {product(QStringLiteral("RICE"), 0), product(QStringLiteral("ATTA"), 0),
                       product(QStringLiteral("SUGAR"), 5), product(QStringLiteral("DAL"), 2),
                       product(QStringLiteral("SALT"), 0)}));
        SD_TAKE(products, m_store->catalog().products(m_tenant));
        for (const Product &p : products)
            m_ids.insert(p.sku, p.id);
    }
    void cleanup() { m_store.reset(); }

    // Confirmed and delivered orders of the last four weeks count; open carts, cancelled
    // orders and older sales do not. The figures follow the documented forecast (window 28
    // days, delivery 3 days, cover 7 days).
    void theListComesFromStockThresholdsAndRecentSales()
    {
        placed(QStringLiteral("confirmed"), QStringLiteral("RICE"), 14);
        placed(QStringLiteral("delivered"), QStringLiteral("RICE"), 14);
        placed(QStringLiteral("cancelled"), QStringLiteral("RICE"), 50);
        placed(QStringLiteral("open"), QStringLiteral("RICE"), 30);
        const Order old = placed(QStringLiteral("delivered"), QStringLiteral("RICE"), 100);
        placed(QStringLiteral("confirmed"), QStringLiteral("ATTA"), 56);
        placed(QStringLiteral("delivered"), QStringLiteral("DAL"), 14);
        // The old order was placed forty days ago.
        m_store->backend().exec(
            QStringLiteral("UPDATE orders SET created_at = ? WHERE id = ?"),
            {QDateTime::currentDateTimeUtc().addDays(-40).toMSecsSinceEpoch(), old.id});
        setStock({{QStringLiteral("RICE"), 5},
                  {QStringLiteral("ATTA"), 2},
                  {QStringLiteral("SUGAR"), 3},
                  {QStringLiteral("DAL"), 0},
                  {QStringLiteral("SALT"), 0}});

        SD_TAKE(lines, ReorderPlanner::forStore(*m_store, m_tenant, QDateTime::currentDateTimeUtc(),
                                                ReorderPlanner::Policy{}));
        QStringList skus;
        for (const auto &l : lines)
            skus << l.product.sku;
        // Rice sells 1 a day and lasts 5 days: not yet. Salt has no level and no sales.
        QCOMPARE(skus, (QStringList{QStringLiteral("DAL"), QStringLiteral("ATTA"),
                                    QStringLiteral("SUGAR")}));
        const auto &dal = lines.at(0); // 14 in 28 days: 0.5 a day, none left
        QCOMPARE(dal.soldPerDay, 0.5);
        QCOMPARE(dal.daysLeft, 0.0);
        QCOMPARE(dal.suggested, 5.0); // 0.5 x (3 + 7) = 5, above twice its level of 2
        QCOMPARE(dal.reason, QStringLiteral("out of stock"));
        const auto &atta = lines.at(1); // 56 in 28 days: 2 a day, 2 left: 1 day
        QCOMPARE(atta.soldPerDay, 2.0);
        QCOMPARE(atta.daysLeft, 1.0);
        QCOMPARE(atta.suggested, 18.0); // 2 x 10 - 2
        QCOMPARE(atta.reason, QStringLiteral("runs out in 1 days at 2 a day"));
        const auto &sugar = lines.at(2); // no sales: its level decides
        QCOMPARE(sugar.daysLeft, -1.0);
        QCOMPARE(sugar.suggested, 7.0); // twice its level of 5, minus the 3 in stock
        QCOMPARE(sugar.reason, QStringLiteral("at or below its low-stock level of 5"));
    }

    // A longer delivery time brings a product that lasts 5 days onto the list.
    void aLongerDeliveryListsMore()
    {
        placed(QStringLiteral("confirmed"), QStringLiteral("RICE"), 28);
        setStock({{QStringLiteral("RICE"), 5}});
        ReorderPlanner::Policy policy;
        SD_TAKE(quick, ReorderPlanner::forStore(*m_store, m_tenant, QDateTime::currentDateTimeUtc(),
                                                policy));
        QVERIFY(quick.isEmpty());
        policy.leadDays = 7;
        SD_TAKE(slow, ReorderPlanner::forStore(*m_store, m_tenant, QDateTime::currentDateTimeUtc(),
                                               policy));
        QCOMPARE(slow.size(), 1);
        QCOMPARE(slow.first().product.sku, QStringLiteral("RICE"));
        QCOMPARE(slow.first().suggested, 9.0); // 1 x (7 + 7) - 5
    }
};

QTEST_GUILESS_MAIN(ReorderTest)
#include "tst_reorder.moc"
