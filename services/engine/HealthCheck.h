#pragma once

#include "net/HttpRequest.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <QElapsedTimer>
#include <QList>

#include <functional>
#include <memory>
#include <optional>

namespace shopdesk {

class StoreWorker;

// GET /healthz for a load balancer in front of `serve` nodes: whether this node's database
// answers (within timeoutMs), how many acknowledged customer messages wait for processing, how
// many this node's bot has still to answer, and the outbox's state. 200 with {"status": "ok", …}
// when the database answered and the engine runs; 503 with the reason otherwise. Counts cover every
// store the node serves; no personal data or settings are included.
class HealthCheck : public QObject
{
    Q_OBJECT
public:
    struct Figures
    {
        qint64 inboundBacklog = 0;
        qint64 outboxPending = 0;
        qint64 outboxSending = 0;
        qint64 outboxFailed = 0;
        qint64 oldestPendingSeconds = 0; // how long the oldest due message has waited
    };

    HealthCheck(StoreWorker &store, QString nodeId, QObject *parent = nullptr);

    void setRunning(bool running) { m_running = running; }
    void setBotBacklog(int messages) { m_botBacklog = messages; }
    void setRemoteConsoles(int signedIn) { m_remoteConsoles = signedIn; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Figures read less than this long ago answer again, and requests arriving while a read is
    // under way wait for it: a load balancer polling often costs the database one read a second.
    void setReuseMs(int ms) { m_reuseMs = ms; }
    void answer(std::function<void(const HttpResponse &)> reply);

    static HttpResponse response(bool running, const QString &databaseError, const Figures &f,
                                 const QString &nodeId, int botBacklog = 0, int remoteConsoles = 0);

private:
    using Reply = std::shared_ptr<std::function<void(const HttpResponse &)>>;
    struct Waiting
    {
        Reply reply;            // emptied by whichever answers first
        QPointer<QTimer> timer; // its "not answering" timeout
    };
    void read();

    StoreWorker &m_store;
    QList<Waiting> m_waiting; // for the read under way
    bool m_reading = false;
    std::optional<Figures> m_last;
    QElapsedTimer m_lastRead;
    int m_reuseMs = 1000;
    QString m_nodeId;
    bool m_running = false;
    int m_timeoutMs = 3000;
    int m_botBacklog = 0;
    int m_remoteConsoles = 0; // remote consoles signed in to this node
};

} // namespace shopdesk
