#pragma once

#include <QWidget>

#include <array>

namespace shopdesk {

// Customer messages by weekday and hour (the store's time), darker where busier: when the
// store's customers write, to plan who watches the chats. Counts on hover.
class HeatmapWidget : public QWidget
{
    Q_OBJECT
public:
    using Grid = std::array<std::array<int, 24>, 7>; // [Monday..Sunday][hour]
    explicit HeatmapWidget(QWidget *parent = nullptr);
    void setGrid(const Grid &grid);
    const Grid &grid() const { return m_grid; }
    QSize sizeHint() const override { return {640, 220}; }
    QSize minimumSizeHint() const override { return {360, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF cell(int day, int hour) const;

    Grid m_grid{};
    int m_max = 0;
};

} // namespace shopdesk
