#include "charts/BarChartView.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace shopdesk {

namespace {

// Counts are whole: with a small top, one tick per unit (0, 1, 2), never "1, 1, 2, 2".
void wholeNumberTicks(QValueAxis *axis)
{
    const double top = std::ceil(axis->max());
    if (top <= 10) {
        axis->setRange(0, std::max(1.0, top));
        axis->setTickCount(int(std::max(1.0, top)) + 1);
    }
}

} // namespace

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
    auto *valueAxis = new QValueAxis;
    valueAxis->setRange(0, top > 0 ? std::ceil(top * 1.1) : 1);
    valueAxis->applyNiceNumbers();
    valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    wholeNumberTicks(valueAxis);
    QAbstractAxis *categoryAxis = nullptr;
    if (m_kind == Kind::Horizontal) {
        auto *names = new QBarCategoryAxis;
        names->append(categories);
        categoryAxis = names;
    } else {
        // Days on a value axis with a label every few bars, each label as wide as it needs
        // (a bar category axis squeezes every label into its bar's width).
        auto *days = new QCategoryAxis;
        days->setStartValue(-0.5);
        days->setRange(-0.5, double(categories.size()) - 0.5);
        days->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        days->setGridLineVisible(false);
        const qsizetype step = std::max<qsizetype>(1, (categories.size() + 9) / 10);
        for (qsizetype i = 0; i < categories.size(); i += step)
            days->append(categories.at(i), double(i));
        categoryAxis = days;
    }
    const bool horizontal = m_kind == Kind::Horizontal;
    c->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    c->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    m_series->attachAxis(categoryAxis);
    m_series->attachAxis(valueAxis);
    c->legend()->setVisible(setNames.size() > 1);
}

void BarChartView::addLine(const QString &name, const QList<double> &values, const QColor &color)
{
    auto *line = new QLineSeries;
    line->setName(name);
    QPen pen(color);
    pen.setWidth(3);
    line->setPen(pen);
    line->setPointsVisible(values.size() <= 31);
    double top = 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        line->append(double(i), values.at(i));
        top = std::max(top, values.at(i));
    }
    QChart *c = chart();
    c->addSeries(line);
    for (QAbstractAxis *axis : c->axes()) {
        line->attachAxis(axis);
        auto *value = qobject_cast<QValueAxis *>(axis);
        if (value && axis->orientation() == Qt::Vertical && top > value->max()) {
            value->setRange(0, std::ceil(top * 1.1));
            value->applyNiceNumbers();
            wholeNumberTicks(value);
        }
    }
    c->legend()->setVisible(true);
}

bool BarChartView::toPng(const QString &path)
{
    return grab().save(path, "PNG");
}

} // namespace shopdesk
