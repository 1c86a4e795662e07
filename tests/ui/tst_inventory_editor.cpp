// The inventory as an editor, the way a store owner uses it: change a price in the table, make
// a mistake and read why it was refused, undo, add and remove products, import a CSV (a file
// with a bad row imports nothing and says which row), export and import back.
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "ProductTableModel.h"
#include "catalog/ProductCsv.h"
#include "dialogs/InventoryImportDialog.h"
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
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace shopdesk;

class InventoryEditorTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    InventoryPane *pane() const { return m_window->inventoryPane(); }
    ProductTableModel &model() const
    {
        return *static_cast<ProductTableModel *>(
            qobject_cast<QSortFilterProxyModel *>(pane()->table()->model())->sourceModel());
    }

    // The product as the database has it now.
    std::optional<Product> stored(const QString &sku)
    {
        std::optional<Result<QList<Product>>> out;
        QObject context;
        const qint64 tenant = m_window->currentTenantId();
        m_engine->store().run(
            &context, [tenant](Store &s) { return s.catalog().products(tenant); },
            [&out](Result<QList<Product>> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000) || !*out)
            return std::nullopt;
        for (const Product &p : out->value()) {
            if (p.sku == sku)
                return p;
        }
        return std::nullopt;
    }

    QModelIndex cell(const QString &sku, int column) const
    {
        const int row = model().rowOfSku(sku);
        return row < 0 ? QModelIndex() : model().index(row, column);
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_home.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("ShopdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("shopdesk-inventory"));
        Engine::Options options;
        options.dataDir = m_home.filePath(QStringLiteral("data"));
        QDir().mkpath(options.dataDir);
        options.database = DatabaseUrl::defaultFor(options.dataDir);
        options.loadDemoIfEmpty = true;
        options.agent = false;
        m_settings = std::make_unique<ConsoleSettings>();
        m_engine = std::make_unique<Engine>(options);
        m_window = std::make_unique<MainWindow>(*m_engine, *m_settings);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), Engine::State::Running, 20000);
        m_window->showPane(MainWindow::Inventory);
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
        QVERIFY2(m_window->banner()->text().contains(QLatin1String("cheap")),
                 qPrintable(m_window->banner()->text()));
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Stock), QStringLiteral("-3")));
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Name), QString()));
        QVERIFY(!model().setData(cell(sku, ProductTableModel::Sku), QStringLiteral("DAI-001")));
        QVERIFY2(m_window->banner()->text().contains(QLatin1String("DAI-001")),
                 qPrintable(m_window->banner()->text()));
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
        QVERIFY(dialog->openFile(path));
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
        QVERIFY(dialog->openFile(path));
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
        const QString path = m_home.filePath(QStringLiteral("export.csv"));
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

    void cleanupTestCase()
    {
        m_window.reset();
        m_engine.reset();
    }
};

QTEST_MAIN(InventoryEditorTest)
#include "tst_inventory_editor.moc"
