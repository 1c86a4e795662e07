#include "charts/PieChartView.h"

#include <QChart>
#include <QPieSeries>
#include <QPieSlice>

namespace shopdesk {

PieChartView::PieChartView(const QString &title, QWidget *parent)
    : QChartView(parent)
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

void PieChartView::setData(const QStringList &labels, const QList<int> &counts,
                           const QList<QColor> &colors)
{
    chart()->removeAllSeries();
    m_series = new QPieSeries;
    m_series->setHoleSize(0.45);
    int total = 0;
    for (int c : counts)
        total += c;
    for (int i = 0; i < labels.size(); ++i) {
        const int n = counts.value(i);
        const double pct = total > 0 ? 100.0 * n / total : 0;
        auto *slice = m_series->append(
            QStringLiteral("%1: %2 (%3%)").arg(labels.at(i)).arg(n).arg(pct, 0, 'f', 1), n);
        slice->setColor(colors.value(i));
        slice->setLabelVisible(false);
        connect(slice, &QPieSlice::clicked, this, [this, i] { Q_EMIT sliceClicked(i); });
        connect(slice, &QPieSlice::hovered, slice, [slice](bool on) { slice->setExploded(on); });
    }
    chart()->addSeries(m_series);
}

bool PieChartView::toPng(const QString &path)
{
    return grab().save(path, "PNG");
}

} // namespace shopdesk
