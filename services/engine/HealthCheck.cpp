#include "engine/HealthCheck.h"

#include "storage/SqlSupport.h"
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
                                   const QString &nodeId, int botBacklog)
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
    // Whichever comes first answers: the store's figures or the timeout.
    auto once = std::make_shared<std::function<void(const HttpResponse &)>>(std::move(reply));
    const bool running = m_running;
    const QString node = m_nodeId;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [once, running, node, timer, ms = m_timeoutMs] {
        timer->deleteLater();
        if (*once)
            std::exchange(*once, {})(response(
                running, QStringLiteral("not answering within %1 s").arg(ms / 1000.0), {}, node));
    });
    timer->start(m_timeoutMs);
    m_store.run(
        this,
        [](Store &s) -> Result<Figures> {
            return sql::guard([&] {
                Figures f;
                SqlBackend &db = s.backend();
                f.inboundBacklog = db.query(QStringLiteral("SELECT COUNT(*) FROM inbound_events "
                                                           "WHERE processed_at IS NULL"))
                                       .first()[0]
                                       .toLongLong();
                const SqlRows outbox = db.query(
                    QStringLiteral("SELECT state, COUNT(*), MIN(next_attempt_at) FROM outbox "
                                   "WHERE state IN ('pending', 'sending', 'failed') GROUP BY "
                                   "state"));
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                for (const SqlRow &row : outbox) {
                    const QString state = row[0].toString();
                    const qint64 n = row[1].toLongLong();
                    if (state == QLatin1String("pending")) {
                        f.outboxPending = n;
                        const qint64 due = row[2].toLongLong();
                        f.oldestPendingSeconds = due > 0 && due < now ? (now - due) / 1000 : 0;
                    } else if (state == QLatin1String("sending")) {
                        f.outboxSending = n;
                    } else {
                        f.outboxFailed = n;
                    }
                }
                return f;
            });
        },
        [once, running, node, guard = QPointer<QTimer>(timer),
         bot = m_botBacklog](Result<Figures> figures) {
            if (guard) {
                guard->stop();
                guard->deleteLater();
            }
            if (*once)
                std::exchange(*once, {})(response(running, figures ? QString() : figures.error(),
                                                  figures ? figures.value() : Figures{}, node));
        });
}

} // namespace shopdesk
