#include "widgets/analytics/MetricCard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace shopdesk {

MetricCard::MetricCard(const QString &title, QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(150);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    auto *caption = new QLabel(title, this);
    caption->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_value = new QLabel(QStringLiteral("—"), this);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_value->setFont(big);
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_change = new QLabel(this);
    layout->addWidget(caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addWidget(m_change);
}

void MetricCard::setValue(const QString &value, const QString &detail, const QString &change,
                          bool higherIsBetter, bool up)
{
    m_value->setText(value);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    if (change.isEmpty()) {
        m_change->setText(tr("same as before"));
        m_change->setStyleSheet(QStringLiteral("color: palette(mid);"));
        return;
    }
    const bool good = up == higherIsBetter;
    m_change->setText(tr("%1 vs before").arg(change));
    m_change->setToolTip(tr("Against the same number of days just before"));
    m_change->setStyleSheet(good ? QStringLiteral("color: #1b7f5a;")
                                 : QStringLiteral("color: #b3261e;"));
}

QString MetricCard::valueText() const
{
    return m_value->text();
}

QString MetricCard::detailText() const
{
    return m_detail->text();
}

QString MetricCard::changeText() const
{
    return m_change->text();
}

} // namespace shopdesk
