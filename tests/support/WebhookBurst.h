#pragma once

#include "domain/Channel.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QUrl>

namespace shopdesk::test {

// Signed customer messages (SimulatedWebhook) posted all at once to an engine on 127.0.0.1,
// counting what came back.
class WebhookBurst
{
public:
    // Message number n of run `run`, from one of `customers` customers, to the engine at base.
    void post(const Channel &channel, const QUrl &base, const QString &run, qint64 n,
              int customers);
    bool waitForAnswers(int timeoutMs); // every post answered (any status)

    int posted() const { return m_posted; }
    int acknowledged() const { return m_acknowledged; } // answered 200
    // Message numbers whose every delivery went unanswered or failed (a provider retries them).
    QList<qint64> unacknowledged() const;

private:
    QNetworkAccessManager m_network;
    int m_posted = 0;
    int m_answered = 0;
    int m_acknowledged = 0;
    QHash<qint64, bool> m_delivered; // message number -> some delivery was acknowledged
};

} // namespace shopdesk::test
