#include "dialogs/ReorderDialog.h"

#include "ReorderTableModel.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace shopdesk {

ReorderDialog::ReorderDialog(ReorderTableModel &model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("reorderDialog"));
    setWindowTitle(tr("To reorder"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("reorderTable"));
    m_table->setModel(&m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(ReorderTableModel::Why, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    auto *how = new QLabel(tr("Sales are the confirmed and delivered orders of the last 4 weeks. "
                              "The quantity covers a 3-day delivery and a week of sales, and at "
                              "least twice the product's low-stock level."),
                           this);
    how->setWordWrap(true);
    how->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(how);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("Copy list"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyReorderList"));
    m_copy->setToolTip(tr("Copies the list as text, to paste into a message to your supplier."));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_copy, &QPushButton::clicked, this, &ReorderDialog::copyList);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &ReorderDialog::updateSummary);
    updateSummary();
    resize(820, 480);
}

void ReorderDialog::updateSummary()
{
    const int n = m_model.rowCount();
    m_summary->setText(n == 0   ? tr("Nothing to reorder: every product is above its low-stock "
                                       "level and lasts longer than a delivery takes.")
                       : n == 1 ? tr("1 product to reorder.")
                                : tr("%1 products to reorder, soonest to run out first.").arg(n));
    m_copy->setEnabled(n > 0);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(ReorderTableModel::Why, QHeaderView::Stretch);
}

void ReorderDialog::copyList()
{
    QGuiApplication::clipboard()->setText(m_model.shoppingList());
}

} // namespace shopdesk
