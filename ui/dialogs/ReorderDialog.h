#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace shopdesk {

class ReorderTableModel;

// What to buy (Inventory › To reorder): products low on stock or selling out before a delivery,
// with the suggested quantity and why, and the list copied as text to send a supplier.
// Non-modal; it follows the list as orders come in.
class ReorderDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReorderDialog(ReorderTableModel &model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *copyButton() const { return m_copy; }
    void copyList(); // to the clipboard

private:
    void updateSummary();

    ReorderTableModel &m_model;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace shopdesk
