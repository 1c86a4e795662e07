#include "ReportTableModel.h"

#include "analytics/ReportFormat.h"

namespace shopdesk {

ReportTableModel::ReportTableModel(Table table, QObject *parent)
    : QAbstractTableModel(parent)
    , m_table(table)
{}

void ReportTableModel::setReport(const Report &report)
{
    beginResetModel();
    m_report = report;
    endResetModel();
}

int ReportTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    switch (m_table) {
    case Table::Series:
        return int(m_report.buckets.size());
    case Table::Escalations:
        return int(m_report.escalations.size());
    case Table::Gaps:
        return int(m_report.gaps.size());
    case Table::Products:
        return int(m_report.topProducts.size());
    case Table::Customers:
        return int(m_report.topCustomers.size());
    case Table::Negative:
        return int(m_report.mostNegative.size());
    }
    return 0;
}

int ReportTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(headers().size());
}

QStringList ReportTableModel::headers() const
{
    switch (m_table) {
    case Table::Series:
        return {tr("From"),    tr("Customer messages"), tr("Chats"),   tr("Orders"),
                tr("Revenue"), tr("Positive"),          tr("Neutral"), tr("Negative")};
    case Table::Escalations:
        return {tr("Reason"), tr("Chats handed over"), tr("Median wait"), tr("90% waited less"),
                tr("No reply yet")};
    case Table::Gaps:
        return {tr("Question"), tr("Times asked"), tr("Other wordings")};
    case Table::Products:
        return {tr("Product"), tr("Quantity"), tr("Revenue")};
    case Table::Customers:
        return {tr("Customer"), tr("Orders"), tr("Revenue")};
    case Table::Negative:
        return {tr("Customer"), tr("Negative messages"), tr("For example")};
    }
    return {};
}

QStringList ReportTableModel::row(int r) const
{
    const QLocale locale;
    switch (m_table) {
    case Table::Series: {
        const Report::Bucket &b = m_report.buckets.at(r);
        return {locale.toString(b.start, QLocale::ShortFormat),
                QString::number(b.customerMessages),
                QString::number(b.chats),
                QString::number(b.orders),
                ReportFormat::money(b.revenueMinor),
                QString::number(b.positive),
                QString::number(b.neutral),
                QString::number(b.negative)};
    }
    case Table::Escalations: {
        const Report::Escalation &e = m_report.escalations.at(r);
        const bool waited = e.wait.count > 0;
        return {e.label, QString::number(e.count),
                waited ? ReportFormat::duration(e.wait.medianMs) : QStringLiteral("—"),
                waited ? ReportFormat::duration(e.wait.p90Ms) : QStringLiteral("—"),
                QString::number(e.unanswered)};
    }
    case Table::Gaps: {
        const Report::Gap &g = m_report.gaps.at(r);
        return {g.question, QString::number(g.count),
                g.wordings.mid(1, 3).join(QStringLiteral("; "))};
    }
    case Table::Products: {
        const Report::TopProduct &p = m_report.topProducts.at(r);
        return {p.name, locale.toString(p.quantity), ReportFormat::money(p.revenueMinor)};
    }
    case Table::Customers: {
        const Report::TopCustomer &c = m_report.topCustomers.at(r);
        return {c.name, QString::number(c.orders), ReportFormat::money(c.revenueMinor)};
    }
    case Table::Negative: {
        const Report::NegativeChat &n = m_report.mostNegative.at(r);
        return {n.contact, QString::number(n.negativeMessages), n.example};
    }
    }
    return {};
}

QVariant ReportTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::DisplayRole)
        return row(index.row()).value(index.column());
    if (role == Qt::TextAlignmentRole && index.column() > 0 && m_table != Table::Gaps &&
        m_table != Table::Negative)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == ChatsRole) {
        QList<qint64> chats;
        if (m_table == Table::Escalations)
            chats = m_report.escalations.at(index.row()).chats;
        else if (m_table == Table::Gaps)
            chats = m_report.gaps.at(index.row()).chats;
        else if (m_table == Table::Negative)
            chats = {m_report.mostNegative.at(index.row()).conversationId};
        return QVariant::fromValue(chats);
    }
    return {};
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return headers().value(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString ReportTableModel::toCsv() const
{
    QStringList lines;
    QStringList h;
    for (const QString &x : headers())
        h << ReportFormat::csvField(x);
    lines << h.join(QLatin1Char(','));
    for (int r = 0; r < rowCount(); ++r) {
        QStringList f;
        for (const QString &x : row(r))
            f << ReportFormat::csvField(x);
        lines << f.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace shopdesk
