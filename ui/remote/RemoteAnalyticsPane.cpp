#include "remote/RemoteAnalyticsPane.h"

#include "analytics/ReportFormat.h"
#include "charts/BarChartView.h"
#include "remote/RemoteConsoleClient.h"

#include <QComboBox>
#include <QDate>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace shopdesk {

namespace {
constexpr int kCards = 6;
}

RemoteAnalyticsPane::RemoteAnalyticsPane(RemoteConsoleClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>How the store did</b>"), this));
    top->addStretch(1);
    m_days = new QComboBox(this);
    m_days->addItem(tr("Last 7 days"), 7);
    m_days->addItem(tr("Last 30 days"), 30);
    m_days->addItem(tr("Last 90 days"), 90);
    m_days->setCurrentIndex(1);
    top->addWidget(m_days);
    layout->addLayout(top);
    m_cards = new QGridLayout;
    for (int i = 0; i < kCards; ++i) {
        auto *name = new QLabel(this);
        auto *value = new QLabel(QStringLiteral("–"), this);
        value->setStyleSheet(QStringLiteral("font-size: 20px; font-weight: 600;"));
        m_cards->addWidget(name, 0, i);
        m_cards->addWidget(value, 1, i);
        m_values.append(value);
        m_names.append(QString());
    }
    layout->addLayout(m_cards);
    m_chart = new BarChartView(tr("Customer messages per day"), BarChartView::Kind::Grouped, this);
    layout->addWidget(m_chart, 1);
    connect(m_days, &QComboBox::currentIndexChanged, this, &RemoteAnalyticsPane::reload);
}

void RemoteAnalyticsPane::setFigure(int index, const QString &name, const QString &value)
{
    m_names[index] = name;
    qobject_cast<QLabel *>(m_cards->itemAtPosition(0, index)->widget())->setText(name);
    m_values[index]->setText(value);
}

QString RemoteAnalyticsPane::figure(const QString &name) const
{
    const qsizetype i = m_names.indexOf(name);
    return i < 0 ? QString() : m_values.at(i)->text();
}

void RemoteAnalyticsPane::reload()
{
    m_client.call(
        QStringLiteral("report"), {{QStringLiteral("days"), m_days->currentData().toInt()}}, this,
        [this](Result<QJsonValue> r) {
            if (!r) {
                Q_EMIT message(tr("The figures could not be read: %1").arg(r.error()), true);
                return;
            }
            show(r->toObject());
            Q_EMIT loaded();
        });
}

void RemoteAnalyticsPane::show(const QJsonObject &report)
{
    const QLocale locale;
    const QJsonObject resolution = report.value(QLatin1String("resolution")).toObject();
    const QJsonObject orders = report.value(QLatin1String("orders")).toObject();
    const auto number = [&](const QJsonValue &v) {
        return locale.toString(v.toInteger());
    };
    setFigure(0, tr("Customer messages"), number(report.value(QLatin1String("customer_messages"))));
    setFigure(1, tr("Chats"), number(report.value(QLatin1String("chats"))));
    setFigure(2, tr("Resolved by the bot"),
              QStringLiteral("%1 (%2%)")
                  .arg(number(resolution.value(QLatin1String("bot_resolved"))))
                  .arg(resolution.value(QLatin1String("bot_resolved_pct")).toDouble(), 0, 'f', 0));
    setFigure(3, tr("Handed to people"),
              number(resolution.value(QLatin1String("handed_to_people"))));
    setFigure(4, tr("Escalations"), number(report.value(QLatin1String("escalation_count"))));
    setFigure(5, tr("Orders"),
              tr("%1 · %2").arg(number(orders.value(QLatin1String("count"))),
                                ReportFormat::money(qRound64(
                                    orders.value(QLatin1String("revenue")).toDouble() * 100))));
    QStringList days;
    QList<double> messages;
    for (const QJsonValue &v : report.value(QLatin1String("series")).toArray()) {
        const QJsonObject bucket = v.toObject();
        days.append(QDate::fromString(bucket.value(QLatin1String("start")).toString(), Qt::ISODate)
                        .toString(QStringLiteral("d MMM")));
        messages.append(bucket.value(QLatin1String("customer_messages")).toDouble());
    }
    m_chart->setData(days, {tr("Customer messages")}, {messages});
}

} // namespace shopdesk
