#include "engine/HealthCheck.h"

#include "storage/StoreWorker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace shopdesk {

HealthCheck::HealthCheck(StoreWorker &store, QString nodeId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_nodeId(std::move(nodeId))
{}

HttpResponse HealthCheck::response(bool running, const QString &databaseError, const Figures &f,
                                   const QString &nodeId, int botBacklog, int remoteConsoles)
{
    const bool ok = running && databaseError.isEmpty();
    QJsonObject body{
        {QStringLiteral("status"), ok ? QStringLiteral("ok") : QStringLiteral("unavailable")},
        {QStringLiteral("engine"), running ? QStringLiteral("running") : QStringLiteral("stopped")},
        {QStringLiteral("database"),
         databaseError.isEmpty() ? QStringLiteral("reachable") : databaseError},
        {QStringLiteral("node"), nodeId}};
    if (databaseError.isEmpty()) {
        body.insert(QStringLiteral("inbound_backlog"), f.inboundBacklog);
        body.insert(QStringLiteral("bot_backlog"), botBacklog);
        body.insert(QStringLiteral("remote_consoles"), remoteConsoles);
        body.insert(QStringLiteral("outbox"),
                    QJsonObject{{QStringLiteral("pending"), f.outboxPending},
                                {QStringLiteral("sending"), f.outboxSending},
                                {QStringLiteral("failed"), f.outboxFailed},
                                {QStringLiteral("oldest_pending_s"), f.oldestPendingSeconds}});
    }
    HttpResponse r;
    r.status = ok ? 200 : 503;
    r.contentType = "application/json";
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.headers.append(qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")));
    return r;
}

void HealthCheck::answer(std::function<void(const HttpResponse &)> reply)
{
    if (m_last && m_lastRead.isValid() && m_lastRead.elapsed() < m_reuseMs) {
        reply(response(m_running, QString(), *m_last, m_nodeId, m_botBacklog, m_remoteConsoles));
        return;
    }
    // Whichever comes first answers: the store's figures or the timeout.
    auto once = std::make_shared<std::function<void(const HttpResponse &)>>(std::move(reply));
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, once, timer] {
        timer->deleteLater();
        if (*once)
            std::exchange(*once, {})(response(
                m_running, QStringLiteral("not answering within %1 s").arg(m_timeoutMs / 1000.0),
                {}, m_nodeId));
    });
    timer->start(m_timeoutMs);
    m_waiting.append({once, timer});
    if (!m_reading)
        read();
}

void HealthCheck::read()
{
    m_reading = true;
    m_store.run(
        this,
        [](Store &s) -> Result<Figures> {
            auto backlog = s.inbox().countUnprocessed();
            if (!backlog)
                return Result<Figures>::failure(backlog.error());
            auto outbox = s.outbox().counts();
            if (!outbox)
                return Result<Figures>::failure(outbox.error());
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const QDateTime due = outbox->earliestDue;
            return Figures{backlog.value(), outbox->pending, outbox->sending, outbox->failed,
                           due.isValid() && due < now ? due.secsTo(now) : 0};
        },
        [this](Result<Figures> figures) {
            m_reading = false;
            if (figures) {
                m_last = figures.value();
                m_lastRead.start();
            }
            const HttpResponse r = response(m_running, figures ? QString() : figures.error(),
                                            figures ? figures.value() : Figures{}, m_nodeId,
                                            m_botBacklog, m_remoteConsoles);
            for (const Waiting &w : std::exchange(m_waiting, {})) {
                if (w.timer) {
                    w.timer->stop();
                    w.timer->deleteLater();
                }
                if (*w.reply)
                    std::exchange(*w.reply, {})(r);
            }
        });
}

} // namespace shopdesk
