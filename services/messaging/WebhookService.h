#pragma once

#include "domain/Channel.h"
#include "domain/InboundEvent.h"
#include "messaging/InboundItem.h"
#include "net/HttpServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTimer>

namespace shopdesk {

class StoreWorker;

// The inbound half of messaging. For each webhook: find the channel by its path, check the
// provider's signature on the raw bytes, parse and normalize, record every item durably (many
// requests share one transaction), and only then answer the provider. Rejected requests get a
// clear 4xx, a log line, nothing stored, and are counted per channel. Lives on the engine's
// network thread with the HTTP server, so acknowledging never waits for the console or the bot.
class WebhookService : public QObject
{
    Q_OBJECT
public:
    struct Counters
    {
        qint64 accepted = 0;   // requests answered 2xx
        qint64 recorded = 0;   // new items stored
        qint64 duplicates = 0; // items already stored (provider retries)
        qint64 rejected = 0;   // requests answered 4xx
    };

    // inbox: records the events (the provider waits for it); store: channel health, after the
    // acknowledgement, never in its way.
    WebhookService(StoreWorker &inbox, StoreWorker &store, QObject *parent = nullptr);

    void reloadChannels(); // after channels change; requests wait until loaded
    void handle(const HttpRequest &request, HttpReply reply);
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }

    // Safe from any thread (the service itself runs on the engine's network thread).
    Counters counters() const;
    Counters counters(qint64 channelId) const;

Q_SIGNALS:
    void itemsRecorded(int newItems); // the processor has work
    void channelsLoaded();

private:
    struct Pending
    {
        QList<InboundEvent> events;
        std::shared_ptr<HttpReply> reply;
        HttpResponse answer;
        qint64 channelId = 0;
    };
    struct Rejection
    {
        int status;
        QString reason;
    };

    void dispatch(const HttpRequest &request, HttpReply reply);
    std::optional<Rejection> verifyAndParse(const Channel &channel, const HttpRequest &request,
                                            QList<InboundItem> &items, HttpResponse &answer);
    HttpResponse verifyHandshake(const Channel &channel, const HttpRequest &request);
    void reject(qint64 channelId, const QString &path, const Rejection &rejection,
                HttpReply &reply);
    void scheduleFlush();
    void flush();
    void noteHealth();

    StoreWorker &m_store;
    StoreWorker &m_healthStore;
    QHash<QString, Channel> m_byPath;
    bool m_loaded = false;
    QList<std::pair<HttpRequest, std::shared_ptr<HttpReply>>> m_waitingForChannels;
    QList<Pending> m_pending;
    bool m_flushing = false;
    bool m_flushScheduled = false;
    QHash<qint64, std::pair<qint64, QString>> m_unsavedRejections; // channel -> count, reason
    QHash<qint64, qint64> m_webhooksToNote;                        // channel -> its store
    bool m_notingHealth = false;
    QElapsedTimer m_sinceHealthNote; // channel health is written at most once a second
    QTimer m_healthTimer;
    qint64 m_maxBodyBytes = 1024 * 1024;
    mutable QMutex m_countersLock;
    Counters m_counters;
    QHash<qint64, Counters> m_perChannel;
};

} // namespace shopdesk
