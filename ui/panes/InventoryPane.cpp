#include "panes/InventoryPane.h"

#include "ProductTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace shopdesk {

InventoryPane::InventoryPane(ProductTableModel &products, QWidget *parent)
    : QWidget(parent)
    , m_products(products)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    auto *top = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("productSearch"));
    m_search->setPlaceholderText(
        tr("Search by name, brand, category or what customers call it (doodh, atta…)"));
    m_search->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("inventorySummary"));
    top->addWidget(m_search, 1);
    top->addSpacing(12);
    top->addWidget(m_summary);
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
    m_table->setAlternatingRowColors(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);

    auto *note = new QLabel(tr("Editing, CSV import and export arrive with the AI employee's "
                               "inventory tools. Rows in red are out of stock; amber ones are "
                               "running low."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(note);

    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_search, &QLineEdit::textChanged, this, &InventoryPane::updateSummary);
    connect(&m_products, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        updateSummary();
    });
    updateSummary();
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

} // namespace shopdesk
