#pragma once

#include "analytics/Report.h"

#include <QAbstractTableModel>

namespace shopdesk {

// One of the report's tables, for a QTableView and for "Export CSV": the series, escalations
// by reason, knowledge gaps, top products, top customers or the most negative chats. Each row
// knows the chats behind it (Qt::UserRole: a QList<qint64> as QVariant) for the drill-down.
class ReportTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Table { Series, Escalations, Gaps, Products, Customers, Negative };
    static constexpr int ChatsRole = Qt::UserRole;

    explicit ReportTableModel(Table table, QObject *parent = nullptr);
    void setReport(const Report &report);
    Table table() const { return m_table; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    QString toCsv() const; // the shown table, headers first

private:
    QStringList headers() const;
    QStringList row(int r) const;

    Table m_table;
    Report m_report;
};

} // namespace shopdesk
