#include "cli/WebhookLoadGenerator.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <cmath>

namespace shopdesk {

double WebhookLoadGenerator::Report::percentile(double p) const
{
    if (latenciesMs.isEmpty())
        return 0;
    QList<double> sorted = latenciesMs;
    std::sort(sorted.begin(), sorted.end());
    const auto index = qsizetype(std::ceil(p / 100.0 * double(sorted.size()))) - 1;
    return sorted.at(std::clamp<qsizetype>(index, 0, sorted.size() - 1));
}

WebhookLoadGenerator::WebhookLoadGenerator(Options options, Factory factory, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_factory(std::move(factory))
{
    // A network manager keeps at most 6 connections per host: use enough of them.
    const int managers = std::max(1, (m_options.connections + 5) / 6);
    for (int i = 0; i < managers; ++i)
        m_managers.push_back(std::make_unique<QNetworkAccessManager>());
    m_ticker.setInterval(1);
    m_ticker.setTimerType(Qt::PreciseTimer);
    connect(&m_ticker, &QTimer::timeout, this, &WebhookLoadGenerator::tick);
}

WebhookLoadGenerator::~WebhookLoadGenerator() = default;

void WebhookLoadGenerator::start()
{
    m_total = m_options.rate > 0 ? qint64(double(m_options.rate) * m_options.seconds) : -1;
    m_sending = true;
    m_clock.start();
    m_ticker.start();
    tick();
}

void WebhookLoadGenerator::tick()
{
    if (!m_sending)
        return;
    const double elapsed = double(m_clock.nsecsElapsed()) / 1e9;
    if (elapsed >= m_options.seconds || (m_total >= 0 && m_started >= m_total)) {
        m_sending = false;
        m_ticker.stop();
        maybeFinish();
        return;
    }
    const qint64 due = m_options.rate > 0 ? qint64(double(m_options.rate) * elapsed) + 1
                                          : std::numeric_limits<qint64>::max();
    while (m_started < due && m_outstanding < m_options.maxOutstanding &&
           (m_total < 0 || m_started < m_total))
        sendOne();
}

void WebhookLoadGenerator::sendOne()
{
    const qint64 n = m_started++;
    const SimulatedWebhook hook = m_factory(n);
    QNetworkRequest request(hook.url);
    for (const auto &[name, value] : hook.headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkAccessManager &manager = *m_managers[std::size_t(n) % m_managers.size()];
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QNetworkReply *reply = manager.post(request, hook.body);
    ++m_outstanding;
    ++m_report.sent;
    connect(reply, &QNetworkReply::finished, this, [this, reply, started] {
        reply->deleteLater();
        --m_outstanding;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            ++m_report.acknowledged;
            m_report.latenciesMs.append(double(started->nsecsElapsed()) / 1e6);
        } else {
            if (m_report.firstError.isEmpty())
                m_report.firstError = status ? QStringLiteral("HTTP %1: %2")
                                                   .arg(status)
                                                   .arg(QString::fromUtf8(reply->readAll()))
                                             : reply->errorString();
            (status ? m_report.rejected : m_report.failed) += 1;
        }
        if (m_sending && m_options.rate == 0)
            tick(); // as fast as it answers: send the next one now
        maybeFinish();
    });
}

void WebhookLoadGenerator::maybeFinish()
{
    if (m_sending || m_outstanding > 0)
        return;
    m_report.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    Q_EMIT finished(m_report);
}

} // namespace shopdesk
