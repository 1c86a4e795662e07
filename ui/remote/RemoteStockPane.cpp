#include "remote/RemoteStockPane.h"

#include "core/Money.h"
#include "remote/RemoteConsoleClient.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace shopdesk {

namespace {
enum Column { Sku, Name, Price, Stock, LowAt, ColumnCount };
constexpr int kSortRole = Qt::UserRole + 1; // numbers sort as numbers, prices as amounts
} // namespace

RemoteStockPane::RemoteStockPane(RemoteConsoleClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<b>Stock</b> — on your store's server"), this);
    layout->addWidget(title);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search products by name or SKU"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("SKU"), tr("Product"), tr("Price"), tr("In stock"), tr("Low at")});
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setSortRole(kSortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("remoteStockTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Name, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    connect(m_search, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_model, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (!m_filling && item->column() == Stock)
            onStockEdited(item->row());
    });
    connect(&m_client, &RemoteConsoleClient::event, this, [this](const QString &name) {
        if (name == QLatin1String("productsChanged"))
            reload();
    });
}

void RemoteStockPane::setCanEdit(bool canEdit)
{
    m_canEdit = canEdit;
    m_table->setEditTriggers(canEdit ? QAbstractItemView::DoubleClicked |
                                           QAbstractItemView::EditKeyPressed
                                     : QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(canEdit ? tr("Double-click a stock to change it.")
                                : tr("Only a manager or the owner changes stock."));
}

void RemoteStockPane::reload()
{
    m_client.products(this, [this](Result<QList<Product>> products) {
        if (!products) {
            Q_EMIT message(tr("The stock could not be read: %1").arg(products.error()), true);
            return;
        }
        fill(products.value());
        Q_EMIT loaded();
    });
}

void RemoteStockPane::fill(const QList<Product> &products)
{
    m_filling = true;
    m_model->setRowCount(0);
    const QLocale locale;
    for (const Product &p : products) {
        QList<QStandardItem *> row;
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QStandardItem;
            item->setEditable(c == Stock);
            row.append(item);
        }
        row[Sku]->setText(p.sku);
        row[Name]->setText(p.unit.isEmpty() ? p.name : p.name + QStringLiteral(" · ") + p.unit);
        row[Price]->setText(Money::format(p.priceMinor));
        row[Stock]->setData(p.stock, Qt::EditRole);
        row[Stock]->setData(p.stock, Qt::UserRole); // what the server has
        row[LowAt]->setData(p.lowStockThreshold, Qt::DisplayRole);
        row[Sku]->setData(p.sku, kSortRole);
        row[Name]->setData(row[Name]->text().toLower(), kSortRole);
        row[Price]->setData(p.priceMinor, kSortRole);
        row[Stock]->setData(p.stock, kSortRole);
        row[LowAt]->setData(p.lowStockThreshold, kSortRole);
        if (p.outOfStock())
            row[Stock]->setForeground(QColor(0xb3, 0x26, 0x1e));
        m_model->appendRow(row);
    }
    m_filling = false;
}

void RemoteStockPane::onStockEdited(int row)
{
    const QString sku = m_model->item(row, Sku)->text();
    // The table may be read again before the server answers: hold the cell, not the item.
    const QPersistentModelIndex cell(m_model->index(row, Stock));
    bool ok = false;
    const double wanted = cell.data(Qt::EditRole).toDouble(&ok);
    const auto settle = [this, cell](bool keep) {
        if (!cell.isValid())
            return;
        m_filling = true;
        QStandardItem *stock = m_model->itemFromIndex(cell);
        if (keep) {
            stock->setData(stock->data(Qt::EditRole), Qt::UserRole);
            stock->setData(stock->data(Qt::EditRole), kSortRole);
        } else
            stock->setData(stock->data(Qt::UserRole), Qt::EditRole);
        m_filling = false;
    };
    if (!ok || wanted < 0) {
        settle(false);
        Q_EMIT message(tr("A stock is a number of 0 or more."), true);
        return;
    }
    m_client.call(QStringLiteral("products.setStock"),
                  {{QStringLiteral("sku"), sku}, {QStringLiteral("stock"), wanted}}, this,
                  [this, sku, settle](Result<QJsonValue> saved) {
                      settle(saved.ok());
                      if (!saved)
                          Q_EMIT message(tr("%1 was not changed: %2").arg(sku, saved.error()),
                                         true);
                      else
                          Q_EMIT message(tr("Stock of %1 saved.").arg(sku), false);
                  });
}

} // namespace shopdesk
