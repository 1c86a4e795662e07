#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;

namespace shopdesk {

class CatalogService;

// How one product's stock moved (orders taking and giving back, edits, imports), newest
// first, read from the engine off the UI thread; a failure shows as the dialog's banner line.
class StockHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    StockHistoryDialog(CatalogService &catalog, qint64 tenantId, qint64 actorId, qint64 productId,
                       const QString &productName, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *status() const { return m_status; }

Q_SIGNALS:
    void loaded();

private:
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace shopdesk
