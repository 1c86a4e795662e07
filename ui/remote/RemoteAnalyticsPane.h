#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;

namespace shopdesk {

class BarChartView;
class RemoteConsoleClient;

// The manager's figures from a serve node: for the last 7, 30 or 90 days, customer messages,
// chats, how many the bot resolved and how many went to people, escalations, orders and
// revenue, with the customer messages per day as a chart.
class RemoteAnalyticsPane : public QWidget
{
    Q_OBJECT
public:
    explicit RemoteAnalyticsPane(RemoteConsoleClient &client, QWidget *parent = nullptr);

    void reload();
    QString figure(const QString &name) const; // the card's text, for tests
    BarChartView *chart() const { return m_chart; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();

private:
    void show(const QJsonObject &report);
    void setFigure(int index, const QString &name, const QString &value);

    RemoteConsoleClient &m_client;
    QComboBox *m_days = nullptr;
    QGridLayout *m_cards = nullptr;
    QList<QLabel *> m_values;
    QStringList m_names;
    BarChartView *m_chart = nullptr;
};

} // namespace shopdesk
