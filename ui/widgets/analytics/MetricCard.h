#pragma once

#include <QFrame>

class QLabel;

namespace shopdesk {

// One headline figure of the Analytics pane: what it is, the value, the detail behind it (the
// counts beside a rate) and its change against the period before, green when it is good news.
class MetricCard : public QFrame
{
    Q_OBJECT
public:
    explicit MetricCard(const QString &title, QWidget *parent = nullptr);
    // higherIsBetter decides the change's colour (a shorter response time is good news).
    void setValue(const QString &value, const QString &detail, const QString &change,
                  bool higherIsBetter = true, bool up = true);
    QString valueText() const;
    QString detailText() const;
    QString changeText() const;

private:
    QLabel *m_value = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_change = nullptr;
};

} // namespace shopdesk
