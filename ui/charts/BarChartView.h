#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QStringList>

class QAbstractBarSeries;

namespace shopdesk {

// A bar chart of the report (Qt Charts): one category per bucket or reason, one or more sets
// (stacked when asked), values shown on hover. Clicking a bar says which one; the pane drills
// down into the chats behind it. Grab it with toPng() for "Export chart".
class BarChartView : public QChartView
{
    Q_OBJECT
public:
    enum class Kind { Grouped, Stacked, Horizontal };
    explicit BarChartView(const QString &title, Kind kind = Kind::Grouped,
                          QWidget *parent = nullptr);

    void setData(const QStringList &categories, const QStringList &setNames,
                 const QList<QList<double>> &values, const QList<QColor> &colors = {});
    // A line over the bars (one value per category), on the same axes; after setData.
    void addLine(const QString &name, const QList<double> &values, const QColor &color);
    int categoryCount() const { return int(m_categories.size()); }
    double value(int set, int category) const;
    QAbstractBarSeries *series() const { return m_series; }
    bool toPng(const QString &path);

Q_SIGNALS:
    void barClicked(int set, int category);

private:
    Kind m_kind;
    QStringList m_categories;
    QList<QList<double>> m_values;
    QAbstractBarSeries *m_series = nullptr;
};

} // namespace shopdesk
