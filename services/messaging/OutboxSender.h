#pragma once

#include "domain/OutboxItem.h"
#include "messaging/ProviderClient.h"
#include "messaging/TokenBucket.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace shopdesk {

class Store;
class StoreWorker;

// Drains the outbox. Claims due rows, checks the 24-hour window, waits for the number's rate
// limit, sends each row once through its channel's provider and records the outcome: sent,
// retried later with exponential backoff and jitter (honouring Retry-After), failed with a
// reason, or interrupted when the answer never came (never repeated blindly).
class OutboxSender : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxInFlight = 64;
        int backoffBaseMs = 2000;
        int backoffCapMs = 10 * 60 * 1000;
        int maxAttempts = 8;
        int timeoutMs = 30000;
        // Rows another node claimed longer ago than this are taken to be interrupted (shared
        // PostgreSQL). With SQLite one engine owns the file, so everything left is interrupted.
        int staleClaimMs = 5 * 60 * 1000;
        // This engine's name in claims: a restarted node interrupts its own unfinished sends
        // at once (the engine uses a stable id kept in its data directory).
        QString nodeId;
        // Where files chosen on another computer are written before they are sent.
        QString dataDir;
        // A provider that cannot be reached at all (connection refused, no such host): the
        // channel's sends wait this long, doubling up to the cap while it stays unreachable,
        // instead of every queued message trying (and failing) on its own.
        int unreachablePauseMs = 1000;
        int unreachablePauseCapMs = 60 * 1000;
    };

    OutboxSender(StoreWorker &store, QNetworkAccessManager &network, Options options,
                 QObject *parent = nullptr);
    ~OutboxSender() override;

    void start();
    void stop();
    void wake();
    void reloadChannels();
    ProviderClient *client(qint64 channelId) const; // on the sender's thread only
    // The customer's message shows read (and the bot typing, where the provider can).
    void markRead(qint64 channelId, const QString &customer, const QString &providerMessageId);
    // Asks the channel's provider whether its settings work. Callable from any thread (the
    // console's window): runs on the sender's thread and answers on `context`'s, with the
    // channel's name.
    void testConnection(qint64 channelId, QObject *context,
                        std::function<void(Status status, QString channelName)> done);
    bool isIdle() const { return m_inFlight == 0 && !m_claiming; }

    // The delay before retry `attempt` (1-based), without jitter; Retry-After wins if longer.
    static qint64 backoffMs(const Options &options, int attempt, int retryAfterSeconds);
    // The wait before the next try: backoffMs with ±20% jitter (jitter01 in [0, 1)), never
    // shorter than Retry-After.
    static qint64 retryDelayMs(const Options &options, int attempt, int retryAfterSeconds,
                               double jitter01);

Q_SIGNALS:
    // The channel's provider could not be reached: its sends wait `waitMs` and then try again.
    void channelUnreachable(qint64 tenantId, qint64 channelId, const QString &reason,
                            qint64 waitMs);
    void channelReachable(qint64 tenantId, qint64 channelId); // it answered again
    void simulatorDelivered(qint64 channelId, const QString &customer,
                            const QString &providerMessageId, const QString &text);
    void sendFinished(qint64 outboxId, shopdesk::OutboxItem::State state, const QString &reason);
    void idle();

private:
    void pump();
    void dispatch(const OutboxItem &item);
    void sendNow(const OutboxItem &item);
    void finish(const OutboxItem &item, const SendOutcome &outcome);
    void recordOutcomes();
    void recorded(const OutboxItem &item, OutboxItem::State state, const QString &reason);
    void scheduleNextDue();
    QList<qint64> pausedChannels() const;                      // those whose sends wait now
    qint64 firstPauseEndMs(const QList<qint64> &paused) const; // 0: none
    void pause(const OutboxItem &item, const QString &reason);

    struct Outcome
    {
        OutboxItem item;
        OutboxItem::State state;
        QString providerMessageId;
        QString reason;
        QDateTime retryAt;
    };
    static Status writeOutcomes(Store &store, const QList<Outcome> &batch);
    QList<Outcome> m_outcomes; // finished sends waiting to be written together
    bool m_recording = false;
    bool m_recordScheduled = false;

    StoreWorker &m_store;
    QNetworkAccessManager &m_network;
    Options m_options;
    QHash<qint64, std::shared_ptr<ProviderClient>> m_clients;
    QHash<qint64, TokenBucket> m_buckets;
    QTimer m_dueTimer;
    QTimer m_pollTimer;  // rows written by other processes (the CLI, other consoles) are seen too
    QTimer m_staleTimer; // sends of nodes that died (shared PostgreSQL)
    void interruptStale(bool atStart);
    bool m_started = false;
    bool m_channelsLoaded = false;
    bool m_claiming = false;
    bool m_again = false;
    int m_inFlight = 0;
    struct Pause
    {
        qint64 untilMs = 0;    // sends of the channel wait until then
        qint64 lastWaitMs = 0; // kept until it answers, so the wait doubles
    };
    QHash<qint64, Pause> m_paused;
};

} // namespace shopdesk
