#pragma once

#include "catalog/ProductCsv.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace shopdesk {

class ProductTableModel;
class StoreWorker;

// Imports products from a CSV file: the columns are matched by their names and can be changed
// by hand; every row that cannot be read is listed with its number and the reason, and the file
// is imported only when every row is good, all in one transaction (nothing half-imported). The
// import can be undone from the inventory.
class InventoryImportDialog : public QDialog
{
    Q_OBJECT
public:
    InventoryImportDialog(StoreWorker &store, ProductTableModel &products,
                          QWidget *parent = nullptr);

    // Reads a file (the "Choose file…" button asks for one): false with the reason shown when it
    // cannot be opened; its rows are read and checked in the background, then parsed().
    bool openFile(const QString &path);
    void startImport();

    QComboBox *mappingBox(ProductCsv::Field field) const { return m_boxes.value(field); }
    QListWidget *errors() const { return m_errors; }
    QLabel *summary() const { return m_summary; }
    QTableWidget *preview() const { return m_preview; }
    bool canImport() const;
    int imported() const { return m_imported; }

Q_SIGNALS:
    void importFinished(int count);
    void parsed(); // the file was read, or its rows checked again

private:
    template<typename Work, typename Done> void inBackground(Work work, Done done);
    void showTable(const QString &name, ProductCsv::Table table);
    void reparse();
    void showParsed();
    void updateImportButton();

    StoreWorker &m_store;
    ProductTableModel &m_products;
    ProductCsv::Table m_table;
    ProductCsv::Parsed m_parsed;
    QHash<ProductCsv::Field, QComboBox *> m_boxes;
    QLabel *m_file = nullptr;
    QLabel *m_summary = nullptr;
    QListWidget *m_errors = nullptr;
    QTableWidget *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    int m_imported = 0;
    bool m_busy = false; // reading, checking or importing
    quint64 m_generation = 0;
};

} // namespace shopdesk
