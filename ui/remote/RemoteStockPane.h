#pragma once

#include "domain/Product.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace shopdesk {

class RemoteConsoleClient;

// The store's stock on a serve node: every product with its price and stock, searchable; a
// manager or the owner changes a stock in place (the node checks the role and says no to an
// agent). Follows changes made anywhere in the store.
class RemoteStockPane : public QWidget
{
    Q_OBJECT
public:
    explicit RemoteStockPane(RemoteConsoleClient &client, QWidget *parent = nullptr);

    void setCanEdit(bool canEdit);
    void reload();
    QTableView *table() const { return m_table; }
    QStandardItemModel *model() const { return m_model; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();

private:
    void fill(const QList<Product> &products);
    void onStockEdited(int row);

    RemoteConsoleClient &m_client;
    QLineEdit *m_search = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    bool m_canEdit = false;
    bool m_filling = false;
};

} // namespace shopdesk
