#include "WebhookBurst.h"

#include "messaging/SimulatedWebhook.h"

#include <QNetworkReply>
#include <QTest>

namespace shopdesk::test {

void WebhookBurst::post(const Channel &channel, const QUrl &base, const QString &run, qint64 n,
                        int customers)
{
    const SimulatedWebhook hook =
        SimulatedWebhook::customerMessage(channel, base, run, n, customers);
    QNetworkRequest request(hook.url);
    for (const auto &[k, v] : hook.headers)
        request.setRawHeader(k, v);
    QNetworkReply *reply = m_network.post(request, hook.body);
    ++m_posted;
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply] {
        reply->deleteLater();
        ++m_answered;
        m_acknowledged += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
    });
}

bool WebhookBurst::waitForAnswers(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_answered == m_posted; }, timeoutMs);
}

} // namespace shopdesk::test
