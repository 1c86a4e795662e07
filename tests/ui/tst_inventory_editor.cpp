// The inventory as an editor, the way a store owner uses it: change a price in the table, make
// a mistake and read why it was refused, undo, add and remove products, import a CSV (a file
// with a bad row imports nothing and says which row), export and import back.
#include "ConsoleFixture.h"
#include "ProductTableModel.h"
#include "catalog/ProductCsv.h"
#include "dialogs/InventoryImportDialog.h"
#include "dialogs/StockHistoryDialog.h"
#include "engine/Engine.h"
#include "panes/InventoryPane.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace shopdesk;

class InventoryEditorTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;

    InventoryPane *pane() { return console.window().inventoryPane(); }
    ProductTableModel &model()
    {
        return *static_cast<ProductTableModel *>(
            qobject_cast<QSortFilterProxyModel *>(pane()->table()->model())->sourceModel());
    }

    // The product as the database has it now.
    std::optional<Product> stored(const QString &sku)
    {
        const qint64 tenant = console.tenantId();
        auto products = console.run([tenant](Store &s) { return s.catalog().products(tenant); });
        if (!products)
            return std::nullopt;
        for (const Product &p : products.value()) {
            if (p.sku == sku)
                return p;
        }
        return std::nullopt;
    }

    QModelIndex cell(const QString &sku, int column)
    {
        const int row = model().rowOfSku(sku);
        return row < 0 ? QModelIndex() : model().index(row, column);
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = console.path(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(console.start(QStringLiteral("shopdesk-inventory")));
        console.window().showPane(MainWindow::Inventory);
        QTRY_COMPARE_WITH_TIMEOUT(model().rowCount(), 200, 10000);
    }

    void editAPriceAndUndoIt()
    {
        const QString sku = QStringLiteral("DAI-008"); // Amul Butter 100 g, ₹58
        QCOMPARE(stored(sku)->priceMinor, 5800);
        const QStringList aliases = stored(sku)->aliases; // makhan, butter, makkhan
        QVERIFY(model().setData(cell(sku, ProductTableModel::Price), QStringLiteral("61.50")));
        QCOMPARE(cell(sku, ProductTableModel::Price).data().toString(), QStringLiteral("₹61.50"));
        QTRY_COMPARE_WITH_TIMEOUT(stored(sku)->priceMinor, 6150, 10000);
        QVERIFY(model().setData(cell(sku, ProductTableModel::Aliases),
                                QStringLiteral("makhan; white butter")));
        QTRY_COMPARE_WITH_TIMEOUT(
            stored(sku)->aliases,
            (QStringList{QStringLiteral("makhan"), QStringLiteral("white butter")}), 10000);
        pane()->undoStack()->undo();
        pane()->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(stored(sku)->priceMinor, 5800, 10000);
        QCOMPARE(stored(sku)->aliases, aliases);
        pane()->undoStack()->redo();
        QTRY_COMPARE_WITH_TIMEOUT(stored(sku)->priceMinor, 6150, 10000);
    }

    void aBadEditIsRefusedWithTheReason()
    {
        const QString sku = QStringLiteral("DAI-009");
        const qint64 before = stored(sku)->priceMinor;
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Price), QStringLiteral("cheap")));
        QVERIFY2(console.window().banner()->text().contains(QLatin1String("cheap")),
                 qPrintable(console.window().banner()->text()));
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Stock), QStringLiteral("-3")));
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Name), QString()));
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Sku), QStringLiteral("DAI-001")));
        QVERIFY2(console.window().banner()->text().contains(QLatin1String("DAI-001")),
                 qPrintable(console.window().banner()->text()));
        QCOMPARE(stored(sku)->priceMinor, before);
    }

    void lowStockIsHighlighted()
    {
        const QString sku = QStringLiteral("DAI-010"); // Amul Paneer
        QVERIFY(
            model().setData(cell(sku, ProductTableModel::LowStockThreshold), QStringLiteral("5")));
        QVERIFY(model().setData(cell(sku, ProductTableModel::Stock), QStringLiteral("3")));
        QCOMPARE(
            cell(sku, ProductTableModel::Stock).data(ProductTableModel::StockStateRole).toString(),
            QStringLiteral("low"));
        QVERIFY(cell(sku, ProductTableModel::Stock).data(Qt::BackgroundRole).isValid());
        QTRY_COMPARE_WITH_TIMEOUT(stored(sku)->stock, 3.0, 10000);
    }

    // The stock change just made by hand shows in the product's stock history, with the
    // demo's import before it, newest first; the window is saved for a look.
    void stockHistoryShowsTheMovements()
    {
        const QString sku = QStringLiteral("DAI-010"); // its stock was set to 3 just before
        QTRY_COMPARE_WITH_TIMEOUT(stored(sku)->stock, 3.0, 10000);
        const QModelIndex source = cell(sku, ProductTableModel::Name);
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(pane()->table()->model());
        pane()->table()->setCurrentIndex(proxy->mapFromSource(source));
        auto *button = pane()->findChild<QToolButton *>(QStringLiteral("stockHistory"));
        QVERIFY(button);
        button->click();
        StockHistoryDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = pane()->findChild<StockHistoryDialog *>()) != nullptr,
                                 5000);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->table()->rowCount(), 2, 10000);
        QCOMPARE(dialog->table()->item(0, 2)->text(), QStringLiteral("Stock changed by hand"));
        QCOMPARE(dialog->table()->item(0, 3)->text(), QStringLiteral("3"));
        QCOMPARE(dialog->table()->item(1, 2)->text(), QStringLiteral("Imported"));
        QVERIFY2(dialog->status()->text().contains(QLatin1String("2 movements")),
                 qPrintable(dialog->status()->text()));
        if (const QString dir = qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog->grab().save(QDir(dir).filePath(QStringLiteral("stock-history.png")));
        dialog->close();
    }

    void addAndRemoveProducts()
    {
        pane()->addProduct();
        QTRY_VERIFY_WITH_TIMEOUT(model().rowOfSku(QStringLiteral("NEW-1")) >= 0, 10000);
        QCOMPARE(model().rowCount(), 201);
        QVERIFY(model().setData(cell(QStringLiteral("NEW-1"), ProductTableModel::Name),
                                QStringLiteral("Kulfi")));
        QTRY_COMPARE_WITH_TIMEOUT(stored(QStringLiteral("NEW-1"))->name, QStringLiteral("Kulfi"),
                                  10000);
        model().removeRows({model().rowOfSku(QStringLiteral("NEW-1"))});
        QTRY_COMPARE_WITH_TIMEOUT(model().rowCount(), 200, 10000);
        QVERIFY(!stored(QStringLiteral("NEW-1")));
        pane()->undoStack()->undo(); // the removal
        QTRY_COMPARE_WITH_TIMEOUT(model().rowCount(), 201, 10000);
        QCOMPARE(stored(QStringLiteral("NEW-1"))->name, QStringLiteral("Kulfi"));
    }

    void aFileWithABadRowImportsNothing()
    {
        const QString path =
            writeFile(QStringLiteral("bad.csv"), "Item Name,Brand,Selling Price,Qty\n"
                                                 "Jalebi,Haldiram,120,10\n"
                                                 "Rasgulla,Haldiram,free,5\n"
                                                 "Soan Papdi,Haldiram,90,7\n");
        auto *dialog = pane()->openImport();
        QSignalSpy parsed(dialog, &InventoryImportDialog::parsed);
        QVERIFY(dialog->openFile(path));
        QTRY_COMPARE(parsed.size(), 1);
        QCOMPARE(dialog->mappingBox(ProductCsv::Field::Price)->currentText(),
                 QStringLiteral("Selling Price"));
        QCOMPARE(dialog->errors()->count(), 1);
        QVERIFY2(dialog->errors()->item(0)->text().startsWith(QLatin1String("Row 3")),
                 qPrintable(dialog->errors()->item(0)->text()));
        QVERIFY(!dialog->canImport());
        dialog->startImport();
        QCOMPARE(model().rowCount(), 201);
        dialog->close();
    }

    void importThenUndoTheImport()
    {
        const QString path =
            writeFile(QStringLiteral("good.csv"), "sku,name,brand,category,price,stock\n"
                                                  "SWT-001,Jalebi,Haldiram,Sweets,120,10\n"
                                                  "SWT-002,Soan Papdi,Haldiram,Sweets,90,7\n"
                                                  "DAI-008,Butter,Amul,Dairy,60,44\n");
        auto *dialog = pane()->openImport();
        QSignalSpy parsed(dialog, &InventoryImportDialog::parsed);
        QVERIFY(dialog->openFile(path));
        QTRY_COMPARE(parsed.size(), 1);
        QVERIFY2(dialog->canImport(), qPrintable(dialog->summary()->text()));
        QVERIFY(dialog->summary()->text().contains(QLatin1String("2 new, 1 updated")));
        QSignalSpy finished(dialog, &InventoryImportDialog::importFinished);
        dialog->startImport();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model().rowCount(), 203, 10000);
        QCOMPARE(stored(QStringLiteral("DAI-008"))->priceMinor, 6000);
        pane()->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(model().rowCount(), 201, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(stored(QStringLiteral("DAI-008"))->priceMinor, 6150, 10000);
    }

    void exportImportsBack()
    {
        const QString path = console.path(QStringLiteral("export.csv"));
        QVERIFY(pane()->exportTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto parsed = ProductCsv::parse(f.readAll());
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QVERIFY(parsed->errors.isEmpty());
        QCOMPARE(parsed->products.size(), model().rowCount());
        const int row = model().rowOfSku(QStringLiteral("DAI-008"));
        const Product original = model().productAt(row);
        for (const Product &p : parsed->products) {
            if (p.sku == original.sku) {
                QCOMPARE(p.name, original.name);
                QCOMPARE(p.priceMinor, original.priceMinor);
                QCOMPARE(p.stock, original.stock);
            }
        }
    }

    void cleanupTestCase() { console.stop(); }
};

QTEST_MAIN(InventoryEditorTest)
#include "tst_inventory_editor.moc"
