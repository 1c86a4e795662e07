#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QStringList>

class QPieSeries;

namespace shopdesk {

// Shares of a whole (the chats by how they ended): each slice labelled with its count and
// percentage, so the parts visibly add up to the whole. Clicking a slice says which one.
class PieChartView : public QChartView
{
    Q_OBJECT
public:
    explicit PieChartView(const QString &title, QWidget *parent = nullptr);
    void setData(const QStringList &labels, const QList<int> &counts, const QList<QColor> &colors);
    QPieSeries *series() const { return m_series; }
    bool toPng(const QString &path);

Q_SIGNALS:
    void sliceClicked(int index);

private:
    QPieSeries *m_series = nullptr;
};

} // namespace shopdesk
