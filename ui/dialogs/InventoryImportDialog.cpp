#include "dialogs/InventoryImportDialog.h"

#include "catalog/CatalogService.h"

#include "ProductTableModel.h"
#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace shopdesk {

InventoryImportDialog::InventoryImportDialog(StoreWorker &store, ProductTableModel &products,
                                             QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_products(products)
{
    setWindowTitle(tr("Import products from CSV"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *choose = new QPushButton(tr("Choose file…"), this);
    m_file = new QLabel(tr("No file chosen. The first row must name the columns."), this);
    top->addWidget(choose);
    top->addWidget(m_file, 1);
    layout->addLayout(top);

    auto *columns = new QHBoxLayout;
    auto *mapping = new QFormLayout;
    for (ProductCsv::Field f : ProductCsv::fields()) {
        auto *box = new QComboBox(this);
        box->setObjectName(QStringLiteral("map_") + ProductCsv::fieldName(f));
        m_boxes.insert(f, box);
        mapping->addRow(ProductCsv::fieldName(f).left(1).toUpper() +
                            ProductCsv::fieldName(f).mid(1) + QLatin1Char(':'),
                        box);
        connect(box, &QComboBox::activated, this, &InventoryImportDialog::reparse);
    }
    columns->addLayout(mapping);
    m_preview = new QTableWidget(0, 5, this);
    m_preview->setHorizontalHeaderLabels(
        {tr("SKU"), tr("Product"), tr("Brand"), tr("Price"), tr("Stock")});
    m_preview->verticalHeader()->hide();
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    columns->addWidget(m_preview, 1);
    layout->addLayout(columns, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_errors = new QListWidget(this);
    m_errors->setObjectName(QStringLiteral("importErrors"));
    m_errors->setMaximumHeight(140);
    m_errors->setStyleSheet(QStringLiteral("color:#b01e1e;"));
    m_errors->hide();
    layout->addWidget(m_errors);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *import = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    import->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(import, &QPushButton::clicked, this, &InventoryImportDialog::startImport);
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a product list"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    resize(860, 560);
}

template<typename Work, typename Done>
void InventoryImportDialog::inBackground(Work work, Done done)
{
    // Reading and checking a large catalog takes a second: off the UI thread, newest answer only.
    const quint64 generation = ++m_generation;
    m_busy = true;
    updateImportButton();
    QPointer<InventoryImportDialog> self(this);
    QThreadPool::globalInstance()->start(
        [self, generation, work = std::move(work), done = std::move(done)]() mutable {
            auto result = work();
            QMetaObject::invokeMethod(
                qApp,
                [self, generation, done = std::move(done), result = std::move(result)]() mutable {
                    if (!self || generation != self->m_generation)
                        return;
                    self->m_busy = false;
                    done(std::move(result)); // may start the next step (checking the rows)
                    if (generation != self->m_generation)
                        return;
                    self->updateImportButton();
                    Q_EMIT self->parsed();
                },
                Qt::QueuedConnection);
        });
}

bool InventoryImportDialog::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QString name = QFileInfo(path).fileName();
    m_table = {};
    m_parsed = {};
    m_errors->clear();
    m_errors->hide();
    m_preview->setRowCount(0);
    m_file->setText(name);
    m_summary->setText(tr("Reading %1…").arg(name));
    inBackground([bytes = file.readAll()] { return ProductCsv::readTable(bytes); },
                 [this, name](Result<ProductCsv::Table> table) {
                     if (!table) {
                         m_summary->setText(
                             tr("%1 is not a CSV file we can read: %2").arg(name, table.error()));
                         return;
                     }
                     showTable(name, std::move(table.value()));
                 });
    return true;
}

void InventoryImportDialog::showTable(const QString &name, ProductCsv::Table table)
{
    m_table = std::move(table);
    m_file->setText(tr("%1 — %n rows", nullptr, int(m_table.rows.size())).arg(name));
    const ProductCsv::Mapping guessed = ProductCsv::guessMapping(m_table.header);
    for (auto it = m_boxes.begin(); it != m_boxes.end(); ++it) {
        QComboBox *box = it.value();
        box->clear();
        box->addItem(tr("(not in the file)"), -1);
        for (int c = 0; c < m_table.header.size(); ++c)
            box->addItem(m_table.header.at(c), c);
        const int column = guessed.value(it.key(), -1);
        box->setCurrentIndex(box->findData(column));
    }
    reparse();
}

void InventoryImportDialog::reparse()
{
    ProductCsv::Mapping mapping;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        const int column = it.value()->currentData().toInt();
        if (column >= 0)
            mapping.insert(it.key(), column);
    }
    m_errors->clear();
    m_parsed = {};
    if (!mapping.contains(ProductCsv::Field::Name) || !mapping.contains(ProductCsv::Field::Price)) {
        m_summary->setText(tr("Choose which columns hold the product's name and its price."));
        showParsed();
        return;
    }
    m_summary->setText(tr("Checking %n rows…", nullptr, int(m_table.rows.size())));
    inBackground([table = m_table, mapping] { return ProductCsv::parse(table, mapping); },
                 [this](ProductCsv::Parsed parsed) {
                     m_parsed = std::move(parsed);
                     int replacing = 0;
                     for (const Product &p : std::as_const(m_parsed.products))
                         replacing += m_products.rowOfSku(p.sku) >= 0 ? 1 : 0;
                     QString text = tr("%n products read", nullptr, int(m_parsed.products.size()));
                     text += tr(" (%1 new, %2 updated by SKU).")
                                 .arg(m_parsed.products.size() - replacing)
                                 .arg(replacing);
                     if (!m_parsed.errors.isEmpty())
                         text += QLatin1Char(' ') +
                                 tr("%n rows have problems: fix them in the file (or change the "
                                    "columns above), then choose it again. Nothing is imported "
                                    "until every row is good.",
                                    nullptr, int(m_parsed.errors.size()));
                     m_summary->setText(text);
                     for (const ProductCsv::RowError &e : std::as_const(m_parsed.errors))
                         m_errors->addItem(tr("Row %1: %2").arg(e.row).arg(e.message));
                     showParsed();
                 });
}

void InventoryImportDialog::showParsed()
{
    m_errors->setVisible(m_errors->count() > 0);
    const int shown = int(std::min<qsizetype>(m_parsed.products.size(), 50));
    m_preview->setRowCount(shown);
    for (int r = 0; r < shown; ++r) {
        const Product &p = m_parsed.products.at(r);
        const QStringList cells{p.sku, p.name, p.brand, Money::format(p.priceMinor),
                                QString::number(p.stock, 'g', 8)};
        for (int c = 0; c < cells.size(); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(cells.at(c)));
    }
    m_preview->resizeColumnsToContents();
    updateImportButton();
}

void InventoryImportDialog::updateImportButton()
{
    for (auto *b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(canImport());
}

bool InventoryImportDialog::canImport() const
{
    return !m_busy && !m_parsed.products.isEmpty() && m_parsed.errors.isEmpty();
}

void InventoryImportDialog::startImport()
{
    if (!canImport())
        return;
    m_busy = true;
    for (auto *b : m_buttons->buttons())
        b->setEnabled(false);
    m_summary->setText(tr("Importing %n products…", nullptr, int(m_parsed.products.size())));
    QList<Product> before;
    for (const Product &p : std::as_const(m_parsed.products)) {
        const int row = m_products.rowOfSku(p.sku);
        if (row >= 0)
            before << m_products.productAt(row);
    }
    const qint64 tenantId = m_products.tenantId();
    const QList<Product> products = m_parsed.products;
    m_products.catalog().upsertProducts(
        tenantId, m_products.actor(), products, this, [this, before, products](Result<int> done) {
            m_busy = false;
            for (auto *b : m_buttons->buttons())
                b->setEnabled(true);
            if (!done) {
                m_summary->setText(tr("Nothing was imported: %1").arg(done.error()));
                return;
            }
            m_imported = done.value();
            m_products.recordImport(before, products);
            Q_EMIT importFinished(m_imported);
            accept();
        });
}

} // namespace shopdesk
