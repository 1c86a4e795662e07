#pragma once

#include "messaging/SimulatedWebhook.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace shopdesk {

// Sends webhooks to a running engine at a steady rate (or as fast as it answers, with rate 0)
// over many keep-alive connections, and measures how long each acknowledgement takes.
class WebhookLoadGenerator : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int rate = 100;       // requests per second; 0: as fast as the engine answers
        double seconds = 10;  // how long to send
        int connections = 48; // parallel keep-alive connections
        int maxOutstanding = 256;
    };
    struct Report
    {
        qint64 sent = 0;
        qint64 acknowledged = 0; // 2xx
        qint64 rejected = 0;     // 4xx/5xx
        qint64 failed = 0;       // no HTTP answer
        double seconds = 0;
        QList<double> latenciesMs; // of acknowledged requests
        QString firstError;
        double percentile(double p) const;
        double rate() const { return seconds > 0 ? double(acknowledged) / seconds : 0; }
    };
    using Factory = std::function<SimulatedWebhook(qint64 n)>;

    WebhookLoadGenerator(Options options, Factory factory, QObject *parent = nullptr);
    ~WebhookLoadGenerator() override;
    void start();

Q_SIGNALS:
    void finished(const shopdesk::WebhookLoadGenerator::Report &report);

private:
    void tick();
    void sendOne();
    void maybeFinish();

    Options m_options;
    Factory m_factory;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_started = 0;
    qint64 m_total = 0;
    int m_outstanding = 0;
    bool m_sending = false;
    Report m_report;
};

} // namespace shopdesk
