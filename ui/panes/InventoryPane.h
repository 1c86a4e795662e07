#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;
class QUndoStack;

namespace shopdesk {

class InventoryImportDialog;
class ProductTableModel;
class ReorderTableModel;
class StoreWorker;

// The store's products, editable in place: search and sort; add, remove; CSV import (with the
// columns matched and every bad row reported) and export; undo and redo of every change; rows
// out of stock in red and running low in amber. "Also called" holds the names customers use
// (doodh, atta), comma-separated: the bot matches them. "To reorder" lists what to buy.
class InventoryPane : public QWidget
{
    Q_OBJECT
public:
    InventoryPane(ProductTableModel &products, ReorderTableModel &reorder, StoreWorker &store,
                  QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QUndoStack *undoStack() const { return m_undo; }
    QString summaryText() const;

    void addProduct();
    void removeSelected();
    void showStockHistory();             // of the current row
    InventoryImportDialog *openImport(); // non-modal; the caller may pick the file
    bool exportTo(const QString &path);
    void showReorder(); // the "to reorder" list, non-modal
    QToolButton *reorderButton() const { return m_reorderButton; }

Q_SIGNALS:
    void message(const QString &text, bool isError);

private:
    void updateSummary();
    void editWhenLoaded(const QString &sku);

    ProductTableModel &m_products;
    StoreWorker &m_store;
    QUndoStack *m_undo = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QString m_pendingEdit;
    ReorderTableModel &m_reorder;
    QToolButton *m_reorderButton = nullptr;
};

} // namespace shopdesk
