#include "panes/InventoryPane.h"

#include "dialogs/ReorderDialog.h"
#include "dialogs/StockHistoryDialog.h"

#include "ProductTableModel.h"
#include "ReorderTableModel.h"
#include "catalog/ProductCsv.h"
#include "dialogs/InventoryImportDialog.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

QToolButton *button(QWidget *parent, const QString &text, const QString &name)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(name);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

InventoryPane::InventoryPane(ProductTableModel &products, ReorderTableModel &reorder,
                             StoreWorker &store, QWidget *parent)
    : QWidget(parent)
    , m_products(products)
    , m_store(store)
    , m_undo(new QUndoStack(this))
    , m_reorder(reorder)
{
    m_products.setUndoStack(m_undo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    auto *top = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("productSearch"));
    m_search->setPlaceholderText(
        tr("Search by name, brand, category or what customers call it (doodh, atta…)"));
    m_search->setClearButtonEnabled(true);
    top->addWidget(m_search, 1);
    auto *add = button(this, tr("Add product"), QStringLiteral("addProduct"));
    auto *remove = button(this, tr("Remove"), QStringLiteral("removeProducts"));
    auto *import = button(this, tr("Import CSV…"), QStringLiteral("importProducts"));
    auto *exportCsv = button(this, tr("Export CSV…"), QStringLiteral("exportProducts"));
    auto *history = button(this, tr("Stock history…"), QStringLiteral("stockHistory"));
    history->setToolTip(tr("How the selected product's stock moved: orders, cancellations, "
                           "edits and imports"));
    auto *undo = button(this, tr("Undo"), QStringLiteral("undoProducts"));
    auto *redo = button(this, tr("Redo"), QStringLiteral("redoProducts"));
    m_reorderButton = button(this, tr("To reorder…"), QStringLiteral("toReorder"));
    m_reorderButton->setToolTip(tr("What to buy: products low on stock or selling out before a "
                                   "delivery, with how much to order"));
    for (QToolButton *b : {add, remove, import, exportCsv, history, m_reorderButton, undo, redo})
        top->addWidget(b);
    layout->addLayout(top);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_products);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(ProductTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("productTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ProductTableModel::Category, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);

    auto *bottom = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("inventorySummary"));
    auto *note = new QLabel(tr("Double-click a cell to change it. Red: out of stock (the bot "
                               "offers a substitute). Amber: at or below the reorder level."),
                            this);
    note->setStyleSheet(QStringLiteral("color:#666;"));
    bottom->addWidget(m_summary);
    bottom->addStretch(1);
    bottom->addWidget(note);
    layout->addLayout(bottom);

    auto *undoAction = m_undo->createUndoAction(this, tr("Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *redoAction = m_undo->createRedoAction(this, tr("Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undoAction);
    addAction(redoAction);
    undo->setDefaultAction(undoAction);
    redo->setDefaultAction(redoAction);
    auto *deleteAction = new QAction(tr("Remove"), this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(deleteAction);

    connect(add, &QToolButton::clicked, this, &InventoryPane::addProduct);
    connect(remove, &QToolButton::clicked, this, &InventoryPane::removeSelected);
    connect(deleteAction, &QAction::triggered, this, &InventoryPane::removeSelected);
    connect(import, &QToolButton::clicked, this, [this] { openImport(); });
    connect(history, &QToolButton::clicked, this, &InventoryPane::showStockHistory);
    connect(m_reorderButton, &QToolButton::clicked, this, &InventoryPane::showReorder);
    connect(&m_reorder, &ReorderTableModel::loaded, this, [this] {
        const int n = m_reorder.rowCount();
        m_reorderButton->setText(n > 0 ? tr("To reorder (%1)…").arg(n) : tr("To reorder…"));
    });
    connect(exportCsv, &QToolButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export the products"),
                                         QStringLiteral("products.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_search, &QLineEdit::textChanged, this, &InventoryPane::updateSummary);
    connect(&m_products, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        updateSummary();
    });
    connect(&m_products, &QAbstractItemModel::dataChanged, this, &InventoryPane::updateSummary);
    connect(&m_products, &ProductTableModel::loaded, this, [this] {
        if (!m_pendingEdit.isEmpty())
            editWhenLoaded(m_pendingEdit);
    });
    connect(&m_products, &ProductTableModel::editRejected, this,
            [this](const QString &text) { Q_EMIT message(text, true); });
    connect(&m_products, &ProductTableModel::writeFailed, this,
            [this](const QString &text) { Q_EMIT message(text, true); });
    updateSummary();
}

void InventoryPane::showReorder()
{
    if (auto *open = findChild<ReorderDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new ReorderDialog(m_reorder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_reorder.reload();
    dialog->show();
}

QString InventoryPane::summaryText() const
{
    return m_summary->text();
}

void InventoryPane::updateSummary()
{
    QString text = tr("%n products", nullptr, m_products.rowCount());
    if (m_proxy->rowCount() != m_products.rowCount())
        text = tr("%1 of %2 products").arg(m_proxy->rowCount()).arg(m_products.rowCount());
    text += tr(" · %1 out of stock · %2 running low")
                .arg(m_products.outOfStockCount())
                .arg(m_products.lowStockCount());
    m_summary->setText(text);
}

void InventoryPane::addProduct()
{
    int n = 1;
    while (m_products.rowOfSku(QStringLiteral("NEW-%1").arg(n)) >= 0)
        ++n;
    Product p;
    p.sku = QStringLiteral("NEW-%1").arg(n);
    p.name = tr("New product");
    p.stock = 0;
    m_search->clear();
    if (m_products.addProduct(p))
        m_pendingEdit = p.sku;
}

void InventoryPane::editWhenLoaded(const QString &sku)
{
    const int row = m_products.rowOfSku(sku);
    if (row < 0)
        return;
    m_pendingEdit.clear();
    const QModelIndex at = m_proxy->mapFromSource(m_products.index(row, ProductTableModel::Name));
    m_table->setCurrentIndex(at);
    m_table->scrollTo(at);
    m_table->edit(at);
}

void InventoryPane::showStockHistory()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        Q_EMIT message(tr("Select a product to see how its stock moved."), false);
        return;
    }
    const Product p = m_products.productAt(m_proxy->mapToSource(current).row());
    auto *dialog = new StockHistoryDialog(m_products.catalog(), m_products.tenantId(),
                                          m_products.actor(), p.id, p.name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void InventoryPane::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows << m_proxy->mapToSource(m_table->currentIndex()).row();
    if (rows.isEmpty()) {
        Q_EMIT message(tr("Select the products to remove first."), false);
        return;
    }
    m_products.removeRows(rows);
}

InventoryImportDialog *InventoryPane::openImport()
{
    auto *dialog = new InventoryImportDialog(m_store, m_products, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &InventoryImportDialog::importFinished, this, [this](int count) {
        Q_EMIT message(tr("Imported %n products. Undo takes the import back.", nullptr, count),
                       false);
    });
    dialog->show();
    return dialog;
}

bool InventoryPane::exportTo(const QString &path)
{
    QList<Product> all;
    for (int r = 0; r < m_products.rowCount(); ++r)
        all << m_products.productAt(r);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ProductCsv::write(all)) < 0 ||
        !file.commit()) {
        Q_EMIT message(tr("Could not export to %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    Q_EMIT message(tr("Exported %n products to %1.", nullptr, int(all.size())).arg(path), false);
    return true;
}

} // namespace shopdesk
