#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace shopdesk {

class ProductTableModel;

// The store's products: search, sort, and what is out of stock or running low.
class InventoryPane : public QWidget
{
    Q_OBJECT
public:
    explicit InventoryPane(ProductTableModel &products, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QString summaryText() const;

private:
    void updateSummary();

    ProductTableModel &m_products;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace shopdesk
