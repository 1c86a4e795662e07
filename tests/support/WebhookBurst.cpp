#include "WebhookBurst.h"

#include "messaging/SimulatedWebhook.h"

#include <QNetworkReply>
#include <QTest>

#include <algorithm>

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
    m_delivered.insert(n, m_delivered.value(n, false));
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, n] {
        reply->deleteLater();
        ++m_answered;
        const bool ok = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
        m_acknowledged += ok;
        if (ok)
            m_delivered.insert(n, true);
    });
}

QList<qint64> WebhookBurst::unacknowledged() const
{
    QList<qint64> list;
    for (auto it = m_delivered.cbegin(); it != m_delivered.cend(); ++it) {
        if (!it.value())
            list.append(it.key());
    }
    std::sort(list.begin(), list.end());
    return list;
}

bool WebhookBurst::waitForAnswers(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_answered == m_posted; }, timeoutMs);
}

} // namespace shopdesk::test
