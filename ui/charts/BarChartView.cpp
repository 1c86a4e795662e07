#include "charts/BarChartView.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace shopdesk {

BarChartView::BarChartView(const QString &title, Kind kind, QWidget *parent)
    : QChartView(parent)
    , m_kind(kind)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
}

double BarChartView::value(int set, int category) const
{
    return m_values.value(set).value(category);
}

void BarChartView::setData(const QStringList &categories, const QStringList &setNames,
                           const QList<QList<double>> &values, const QList<QColor> &colors)
{
    m_categories = categories;
    m_values = values;
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes())
        c->removeAxis(axis);
    switch (m_kind) {
    case Kind::Grouped:
        m_series = new QBarSeries;
        break;
    case Kind::Stacked:
        m_series = new QStackedBarSeries;
        break;
    case Kind::Horizontal:
        m_series = new QHorizontalBarSeries;
        break;
    }
    double top = 0;
    for (int s = 0; s < setNames.size(); ++s) {
        auto *set = new QBarSet(setNames.at(s));
        for (double v : values.value(s))
            *set << v;
        if (s < colors.size())
            set->setColor(colors.at(s));
        m_series->append(set);
        connect(set, &QBarSet::clicked, this,
                [this, s](int index) { Q_EMIT barClicked(s, index); });
        connect(set, &QBarSet::hovered, this, [this, set](bool on, int index) {
            if (on)
                QToolTip::showText(QCursor::pos(), QStringLiteral("%1 · %2: %3")
                                                       .arg(m_categories.value(index), set->label())
                                                       .arg(set->at(index)));
        });
    }
    for (int i = 0; i < categories.size(); ++i) {
        double sum = 0;
        for (const auto &v : values)
            sum = m_kind == Kind::Stacked ? sum + v.value(i) : std::max(sum, v.value(i));
        top = std::max(top, sum);
    }
    c->addSeries(m_series);
    // Long series show every few labels, so dates stay readable.
    auto *categoryAxis = new QBarCategoryAxis;
    const qsizetype step = std::max<qsizetype>(1, categories.size() / 10);
    QStringList shown;
    for (qsizetype i = 0; i < categories.size(); ++i)
        shown << (i % step == 0 ? categories.at(i) : QString(i, QChar(0x200B)));
    categoryAxis->append(shown);
    if (categories.size() > 12 && m_kind != Kind::Horizontal)
        categoryAxis->setLabelsAngle(-60);
    auto *valueAxis = new QValueAxis;
    valueAxis->setRange(0, top > 0 ? std::ceil(top * 1.1) : 1);
    valueAxis->applyNiceNumbers();
    valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    const bool horizontal = m_kind == Kind::Horizontal;
    c->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    c->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    m_series->attachAxis(categoryAxis);
    m_series->attachAxis(valueAxis);
    c->legend()->setVisible(setNames.size() > 1);
}

bool BarChartView::toPng(const QString &path)
{
    return grab().save(path, "PNG");
}

} // namespace shopdesk
