#include "charts/HeatmapWidget.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace shopdesk {

namespace {
constexpr int kLeft = 44;
constexpr int kTop = 22;
constexpr int kBottom = 18;
} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
}

void HeatmapWidget::setGrid(const Grid &grid)
{
    m_grid = grid;
    m_max = 0;
    for (const auto &day : grid)
        for (int n : day)
            m_max = std::max(m_max, n);
    update();
}

QRectF HeatmapWidget::cell(int day, int hour) const
{
    const double w = double(width() - kLeft - 4) / 24.0;
    const double h = double(height() - kTop - kBottom) / 7.0;
    return {kLeft + hour * w, kTop + day * h, w - 1, h - 1};
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().text().color());
    p.drawText(QRect(0, 0, width(), kTop - 4), Qt::AlignCenter,
               tr("When customers write (messages by weekday and hour)"));
    const QColor strong(0x1b, 0x7f, 0x5a);
    const QLocale locale;
    for (int d = 0; d < 7; ++d) {
        const QRectF first = cell(d, 0);
        p.setPen(palette().text().color());
        p.drawText(QRectF(0, first.top(), kLeft - 6, first.height()),
                   Qt::AlignRight | Qt::AlignVCenter, locale.dayName(d + 1, QLocale::ShortFormat));
        for (int h = 0; h < 24; ++h) {
            const int n = m_grid[d][h];
            QColor c = strong;
            c.setAlphaF(m_max > 0 && n > 0 ? 0.12 + 0.88 * double(n) / m_max : 0.04);
            p.fillRect(cell(d, h), c);
        }
    }
    p.setPen(palette().text().color());
    for (int h = 0; h < 24; h += 3) {
        const QRectF c = cell(6, h);
        p.drawText(QRectF(c.left(), c.bottom() + 2, c.width() * 3, kBottom - 2),
                   Qt::AlignLeft | Qt::AlignTop, QStringLiteral("%1:00").arg(h));
    }
}

bool HeatmapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const QPoint pos = static_cast<QHelpEvent *>(event)->pos();
        for (int d = 0; d < 7; ++d)
            for (int h = 0; h < 24; ++h)
                if (cell(d, h).contains(pos)) {
                    QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(),
                                       tr("%1 %2:00–%3:00: %n message(s)", nullptr, m_grid[d][h])
                                           .arg(QLocale().dayName(d + 1))
                                           .arg(h)
                                           .arg(h + 1));
                    return true;
                }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace shopdesk
