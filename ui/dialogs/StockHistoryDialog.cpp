#include "dialogs/StockHistoryDialog.h"

#include "catalog/CatalogService.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

QString whatHappened(const StockLedger::Movement &m)
{
    if (m.reason == QLatin1String("order"))
        return StockHistoryDialog::tr("Order #%1 took it").arg(m.orderId);
    if (m.reason == QLatin1String("order_change"))
        return StockHistoryDialog::tr("Order #%1 changed").arg(m.orderId);
    if (m.reason == QLatin1String("cancel"))
        return StockHistoryDialog::tr("Order #%1 cancelled: back in stock").arg(m.orderId);
    return m.reason == QLatin1String("edit") ? StockHistoryDialog::tr("Stock changed by hand")
                                             : StockHistoryDialog::tr("Imported");
}

} // namespace

StockHistoryDialog::StockHistoryDialog(CatalogService &catalog, qint64 tenantId, qint64 actorId,
                                       qint64 productId, const QString &productName,
                                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("stockHistoryDialog"));
    setWindowTitle(tr("Stock history: %1").arg(productName));
    resize(640, 420);
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Loading…"), this);
    m_status->setObjectName(QStringLiteral("stockHistoryStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("stockHistoryTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("When"), tr("Change"), tr("What happened"), tr("Left after"), tr("Who")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    catalog.stockHistory(
        tenantId, actorId, productId, this, [this](Result<QList<StockLedger::Movement>> history) {
            if (!history) {
                m_status->setText(
                    tr("The stock history could not be read: %1").arg(history.error()));
                m_status->setStyleSheet(QStringLiteral("color:#b00020;"));
                Q_EMIT loaded();
                return;
            }
            const QLocale locale;
            m_table->setRowCount(int(history->size()));
            for (int row = 0; row < history->size(); ++row) {
                const StockLedger::Movement &m = history->at(row);
                const QString change = (m.change > 0 ? QStringLiteral("+") : QString()) +
                                       locale.toString(m.change, 'g', 10);
                const QStringList cells{
                    locale.toString(m.at.toLocalTime(), QLocale::ShortFormat), change,
                    whatHappened(m), locale.toString(m.stockAfter, 'g', 10),
                    m.operatorName.isEmpty() ? tr("the bot or the system") : m.operatorName};
                for (int c = 0; c < cells.size(); ++c)
                    m_table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
            }
            m_table->resizeColumnsToContents();
            m_status->setText(history->isEmpty() ? tr("No movements yet.")
                              : history->size() == 1
                                  ? tr("1 movement.")
                                  : tr("%1 movements, newest first.").arg(history->size()));
            Q_EMIT loaded();
        });
}

} // namespace shopdesk
