// Low stock in the console: a product that falls to its low-stock level is named in a banner,
// and Inventory › To reorder lists it with a quantity and copies the list for a supplier.
#include "ConsoleFixture.h"
#include "LowStockAlert.h"
#include "ReorderTableModel.h"
#include "TestSupport.h"
#include "dialogs/ReorderDialog.h"
#include "engine/Engine.h"
#include "panes/InventoryPane.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace shopdesk;

class StockAlertsTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;

private Q_SLOTS:
    void initTestCase() { QVERIFY(console.start(QStringLiteral("shopdesk-stock-alerts"))); }

    void aProductFallingLowIsNamedAndListed()
    {
        const qint64 tenant = console.tenantId();
        // A product well stocked, then sold down to its level.
        auto products = console.run([tenant](Store &s) { return s.catalog().products(tenant); });
        QVERIFY(products && !products->isEmpty());
        Product p;
        for (const Product &candidate : products.value())
            if (candidate.lowStockThreshold > 0 && candidate.stock > candidate.lowStockThreshold) {
                p = candidate;
                break;
            }
        QVERIFY(p.id > 0);
        QSignalSpy alerted(console.window().lowStockAlert(), &LowStockAlert::alerted);
        p.stock = p.lowStockThreshold;
        SD_VERIFY_OK(console.run(
            [tenant, p](Store &s) { return s.catalog().updateProduct(tenant, p.sku, p); }));
        QTRY_VERIFY_WITH_TIMEOUT(!alerted.isEmpty(), 10000);
        const QStringList named = alerted.last().at(0).toStringList();
        QVERIFY2(named.join(QLatin1Char('|')).contains(p.name), qPrintable(named.join(u'|')));
        auto *banner = console.window().findChild<BannerWidget *>();
        QVERIFY2(banner->text().contains(QLatin1String("Running low")) &&
                     banner->text().contains(p.name),
                 qPrintable(banner->text()));

        console.window().showPane(MainWindow::Inventory);
        auto *inventory = console.window().findChild<InventoryPane *>();
        QTRY_VERIFY(inventory->reorderButton()->text().contains(QLatin1String("(")));
        inventory->showReorder();
        auto *dialog = inventory->findChild<ReorderDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->table()->model()->rowCount() > 0, 10000);
        bool listed = false;
        for (int r = 0; r < dialog->table()->model()->rowCount(); ++r)
            listed =
                listed || dialog->table()->model()->index(r, 0).data().toString().contains(p.name);
        QVERIFY(listed);
        console.screenshot(QStringLiteral("low-stock-banner"));
        if (const QString dir = qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog->grab().save(dir + QStringLiteral("/to-reorder.png"));
        dialog->copyList();
        QVERIFY(QGuiApplication::clipboard()->text().contains(p.name));
        dialog->close();
    }
};

QTEST_MAIN(StockAlertsTest)
#include "tst_stock_alerts.moc"
