#include "messaging/OutboxSender.h"

#include "core/ThreadHop.h"

#include "core/Logging.h"
#include "messaging/MediaFiles.h"
#include "messaging/SimulatorClient.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace shopdesk {

namespace {

const QString kWindowClosed = QStringLiteral(
    "Not sent: the customer's last message was more than 24 hours ago, so WhatsApp only allows "
    "an approved template message now.");

// A file chosen on another of the store's computers (shared mode) is written here first.
void fileHere(Store &store, const QString &dataDir, OutboxItem &item)
{
    if (item.kind != QLatin1String("media"))
        return;
    QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    const QString file = payload.value(QLatin1String("file")).toString();
    const QString ref = payload.value(QLatin1String("media_ref")).toString();
    if (ref.isEmpty() || file.isEmpty() || QFileInfo::exists(file))
        return;
    auto here = MediaFiles::localFile(store, dataDir, item.tenantId, ref);
    if (!here) {
        qCWarning(lcSend).noquote() << "Outbox" << item.id << ":" << here.error();
        return; // the client says it cannot read the file
    }
    payload.insert(QLatin1String("file"), here.value());
    item.payloadJson = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

} // namespace

OutboxSender::OutboxSender(StoreWorker &store, QNetworkAccessManager &network, Options options,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_network(network)
    , m_options(options)
{
    // Children, so that they move with the sender to a thread of its own.
    for (QTimer *timer : {&m_dueTimer, &m_pollTimer, &m_staleTimer})
        timer->setParent(this);
    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, &OutboxSender::wake);
    m_pollTimer.setInterval(1000);
    connect(&m_pollTimer, &QTimer::timeout, this, &OutboxSender::wake);
    m_staleTimer.setInterval(60 * 1000);
    connect(&m_staleTimer, &QTimer::timeout, this, [this] { interruptStale(false); });
}

OutboxSender::~OutboxSender() = default;

qint64 OutboxSender::backoffMs(const Options &options, int attempt, int retryAfterSeconds)
{
    const double exp = double(options.backoffBaseMs) * std::pow(2.0, std::max(0, attempt - 1));
    const qint64 delay = qint64(std::min(exp, double(options.backoffCapMs)));
    return std::max(delay, qint64(retryAfterSeconds) * 1000);
}

qint64 OutboxSender::retryDelayMs(const Options &options, int attempt, int retryAfterSeconds,
                                  double jitter01)
{
    // ±20% jitter spreads retries of many rows; never earlier than Retry-After.
    const qint64 base = backoffMs(options, attempt, retryAfterSeconds);
    const qint64 delay = qint64(double(base) * (0.8 + 0.4 * std::clamp(jitter01, 0.0, 1.0)));
    return std::max(delay, qint64(retryAfterSeconds) * 1000);
}

void OutboxSender::start()
{
    if (m_started)
        return;
    m_started = true;
    m_pollTimer.start();
    interruptStale(true);
}

void OutboxSender::interruptStale(bool atStart)
{
    const bool shared = m_store.url().kind() == DatabaseUrl::Kind::Postgres;
    if (!shared && !atStart)
        return;
    if (shared)
        m_staleTimer.start();
    // SQLite: one engine owns the file, so whatever is left from before this start was cut
    // short. PostgreSQL: this node's own claims, and claims of nodes silent for too long.
    const QDateTime before = shared
                                 ? QDateTime::currentDateTimeUtc().addMSecs(-m_options.staleClaimMs)
                                 : QDateTime::currentDateTimeUtc().addSecs(1);
    const QString node = atStart ? m_options.nodeId : QString();
    m_store.run(
        this, [before, node](Store &store) { return store.outbox().interruptStale(before, node); },
        [this, atStart](Result<QList<Message>> result) {
            if (!result)
                qCWarning(lcSend) << "Cannot check for interrupted sends:" << result.error();
            else if (!result->isEmpty())
                qCWarning(lcSend) << result->size()
                                  << "message(s) were being sent when an engine stopped; they are "
                                     "marked interrupted and will not be sent again";
            if (atStart)
                reloadChannels();
        });
}

void OutboxSender::stop()
{
    m_started = false;
    m_dueTimer.stop();
    m_pollTimer.stop();
    m_staleTimer.stop();
}

void OutboxSender::reloadChannels()
{
    m_store.run(
        this, [](Store &store) { return store.channels().allChannels(); },
        [this](Result<QList<Channel>> result) {
            if (!result) {
                qCWarning(lcSend) << "Cannot load channels:" << result.error();
                return;
            }
            QHash<qint64, std::shared_ptr<ProviderClient>> clients;
            for (const Channel &c : std::as_const(result.value())) {
                std::shared_ptr<ProviderClient> client =
                    ProviderClient::create(ChannelConfig(c), m_network);
                client->setTimeoutMs(m_options.timeoutMs);
                if (auto *sim = qobject_cast<SimulatorClient *>(client.get()))
                    connect(sim, &SimulatorClient::delivered, this,
                            &OutboxSender::simulatorDelivered);
                clients.insert(c.id, client);
                m_buckets[c.id].setRate(ChannelConfig(c).rateLimitPerSecond());
            }
            m_clients = std::move(clients); // clients still sending keep themselves alive
            m_channelsLoaded = true;
            wake();
        });
}

ProviderClient *OutboxSender::client(qint64 channelId) const
{
    return m_clients.value(channelId).get();
}

void OutboxSender::markRead(qint64 channelId, const QString &customer,
                            const QString &providerMessageId)
{
    if (ProviderClient *c = client(channelId); c && !providerMessageId.isEmpty())
        c->markRead(customer, providerMessageId);
}

void OutboxSender::testConnection(qint64 channelId, QObject *context,
                                  std::function<void(Status, QString)> done)
{
    auto reply = deliverTo(context, std::move(done));
    onThreadOf(this, [this, channelId, reply] {
        const auto client = m_clients.value(channelId);
        if (!client) {
            reply(Status::failure(tr("This channel is switched off or still loading; try again.")),
                  QString());
            return;
        }
        // Held until the provider answers, even if the channels are reloaded meanwhile.
        client->testConnection([reply, client](Status status) {
            reply(std::move(status), client->config().channel().name);
        });
    });
}

void OutboxSender::wake()
{
    if (!m_started || !m_channelsLoaded)
        return;
    if (m_claiming) {
        m_again = true;
        return;
    }
    pump();
}

void OutboxSender::pump()
{
    const int free = m_options.maxInFlight - m_inFlight;
    // Claim in batches: a claim is a write transaction, so wait until half the slots are free
    // (or nothing is in flight) rather than claiming one row per finished send.
    if (free <= 0 || (m_inFlight > 0 && free < std::max(1, m_options.maxInFlight / 2)))
        return;
    const QList<qint64> paused = pausedChannels();
    if (!paused.isEmpty() && paused.size() >= m_clients.size()) {
        // Every provider is out of reach: nothing to claim or read until the first pause ends
        // (each reply the bot queues meanwhile wakes the sender; it costs nothing then).
        const qint64 ends = firstPauseEndMs(paused);
        const qint64 wait = std::max<qint64>(0, ends - QDateTime::currentMSecsSinceEpoch()) + 5;
        if (!m_dueTimer.isActive() || m_dueTimer.remainingTime() > wait)
            m_dueTimer.start(int(wait));
        return;
    }
    m_claiming = true;
    m_again = false;
    m_store.run(
        this,
        [free, node = m_options.nodeId, dataDir = m_options.dataDir, paused](Store &store) {
            auto claimed = store.outbox().claimDue(free, node, paused);
            if (claimed) {
                for (OutboxItem &item : claimed.value())
                    fileHere(store, dataDir, item);
            }
            return claimed;
        },
        [this, free](Result<QList<OutboxItem>> result) {
            m_claiming = false;
            if (!result) {
                qCWarning(lcSend) << "Cannot read the outbox:" << result.error();
                m_dueTimer.start(2000);
                return;
            }
            for (const OutboxItem &item : std::as_const(result.value()))
                dispatch(item);
            if (!m_started)
                return;
            if (m_again || (result->size() == free && m_inFlight < m_options.maxInFlight))
                pump();
            else
                scheduleNextDue();
        });
}

void OutboxSender::scheduleNextDue()
{
    const QList<qint64> paused = pausedChannels();
    const qint64 pauseEnds = firstPauseEndMs(paused);
    m_store.run(
        this, [paused](Store &store) { return store.outbox().nextDueAt(paused); },
        [this, pauseEnds](Result<QDateTime> next) {
            if (!next || !m_started)
                return;
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            qint64 wait =
                next->isValid() ? std::max<qint64>(0, next->toMSecsSinceEpoch() - now) : -1;
            if (pauseEnds > 0)
                wait = wait < 0 ? pauseEnds - now : std::min(wait, pauseEnds - now);
            if (wait < 0) {
                if (m_inFlight == 0)
                    Q_EMIT idle();
                return;
            }
            m_dueTimer.start(int(std::clamp<qint64>(wait, 0, 60000)) + 5);
        });
}

QList<qint64> OutboxSender::pausedChannels() const
{
    QList<qint64> out;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_paused.cbegin(); it != m_paused.cend(); ++it) {
        if (it->untilMs > now)
            out.append(it.key());
    }
    return out;
}

qint64 OutboxSender::firstPauseEndMs(const QList<qint64> &paused) const
{
    qint64 ends = 0; // the first paused channel to try again
    for (qint64 channel : paused)
        ends = ends ? std::min(ends, m_paused.value(channel).untilMs)
                    : m_paused.value(channel).untilMs;
    return ends;
}

void OutboxSender::pause(const OutboxItem &item, const QString &reason)
{
    const qint64 channelId = item.channelId;
    Pause &p = m_paused[channelId];
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (p.untilMs > now)
        return; // already waiting (the other sends that were out fail too)
    p.lastWaitMs = p.lastWaitMs > 0
                       ? std::min<qint64>(p.lastWaitMs * 2, m_options.unreachablePauseCapMs)
                       : m_options.unreachablePauseMs;
    p.untilMs = now + p.lastWaitMs;
    qCWarning(lcSend).noquote() << "The provider of channel" << channelId << "cannot be reached ("
                                << reason << "); its messages wait" << p.lastWaitMs
                                << "ms and are then tried again";
    Q_EMIT channelUnreachable(item.tenantId, channelId, reason, p.lastWaitMs);
}

void OutboxSender::dispatch(const OutboxItem &item)
{
    ++m_inFlight;
    const auto client = m_clients.value(item.channelId);
    if (!client) {
        finish(item, {SendOutcome::Kind::Failed,
                      {},
                      QStringLiteral("Not sent: this conversation's WhatsApp channel is "
                                     "switched off or was removed."),
                      {},
                      -1});
        return;
    }
    if (client->config().hasCustomerWindow() && item.kind != QLatin1String("template") &&
        (!item.windowClosesAt.isValid() || item.windowClosesAt < QDateTime::currentDateTimeUtc())) {
        finish(item, {SendOutcome::Kind::Failed, {}, kWindowClosed, QStringLiteral("window"), -1});
        return;
    }
    const qint64 wait = m_buckets[item.channelId].take();
    if (wait > 0)
        QTimer::singleShot(int(wait), this, [this, item] { sendNow(item); });
    else
        sendNow(item);
}

void OutboxSender::sendNow(const OutboxItem &item)
{
    const auto client = m_clients.value(item.channelId);
    if (!client) {
        finish(item, {SendOutcome::Kind::Failed,
                      {},
                      QStringLiteral("Not sent: this conversation's WhatsApp channel was "
                                     "removed."),
                      {},
                      -1});
        return;
    }
    // Hold the client while its request is out, even if the channels are reloaded meanwhile.
    client->send(item, [this, item, client](SendOutcome outcome) { finish(item, outcome); });
}

void OutboxSender::finish(const OutboxItem &item, const SendOutcome &outcome)
{
    Outcome o{item, OutboxItem::State::Sent, outcome.providerMessageId, {}, {}};
    if (outcome.unreachable)
        pause(item, outcome.reason);
    else if (m_paused.remove(item.channelId) > 0) // it answered, whatever it said
        Q_EMIT channelReachable(item.tenantId, item.channelId);
    switch (outcome.kind) {
    case SendOutcome::Kind::Sent:
        break;
    case SendOutcome::Kind::Retry:
        // A provider out of reach never had the message: it waits for as long as that lasts
        // (the channel's pause keeps the tries few), rather than failing for good.
        if (item.attempts < m_options.maxAttempts || outcome.unreachable) {
            qint64 delay = retryDelayMs(m_options, item.attempts, outcome.retryAfterSeconds,
                                        QRandomGenerator::global()->generateDouble());
            if (outcome.unreachable) // the channel's pause is the wait (it doubles, capped)
                delay = std::max<qint64>(0, m_paused.value(item.channelId).untilMs -
                                                QDateTime::currentMSecsSinceEpoch());
            qCInfo(lcSend) << "Outbox" << item.id << "retry" << item.attempts << "in" << delay
                           << "ms:" << outcome.reason;
            o.state = OutboxItem::State::Pending;
            o.reason = outcome.reason;
            o.retryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
            break;
        }
        o.state = OutboxItem::State::Failed;
        o.reason =
            QStringLiteral("Gave up after %1 tries: %2").arg(item.attempts).arg(outcome.reason);
        break;
    case SendOutcome::Kind::Failed:
        o.state = OutboxItem::State::Failed;
        o.reason = outcome.reason;
        break;
    case SendOutcome::Kind::Unknown:
        o.state = OutboxItem::State::Interrupted;
        o.reason = outcome.reason +
                   QStringLiteral(" It may have reached the customer, so it was not sent again.");
        break;
    }
    m_outcomes.append(o);
    if (!m_recording && !m_recordScheduled) {
        m_recordScheduled = true;
        QTimer::singleShot(0, this, &OutboxSender::recordOutcomes);
    }
}

Status OutboxSender::writeOutcomes(Store &store, const QList<Outcome> &batch)
{
    return store.transact([&]() -> Status {
        QList<OutboxStore::SentRow> sent;
        for (const Outcome &o : batch) {
            const qint64 tenant = o.item.tenantId;
            const qint64 id = o.item.id;
            Status written = Done{};
            switch (o.state) {
            case OutboxItem::State::Sent:
                sent.append({tenant, id, o.item.messageId, o.providerMessageId});
                break;
            case OutboxItem::State::Pending:
                written = store.outbox().retryLater(tenant, id, o.retryAt, o.reason);
                break;
            case OutboxItem::State::Interrupted:
                written = statusOf(store.outbox().markInterrupted(tenant, id, o.reason));
                break;
            default:
                if (auto noted =
                        store.channels().noteSendFailure(tenant, o.item.channelId, o.reason);
                    !noted)
                    qCWarning(lcNet) << "Channel health not updated:" << noted.error();
                written = statusOf(store.outbox().markFailed(tenant, id, o.reason));
                break;
            }
            if (!written)
                return written;
        }
        return store.outbox().markSentMany(sent);
    });
}

void OutboxSender::recordOutcomes()
{
    m_recordScheduled = false;
    if (m_outcomes.isEmpty() || m_recording)
        return;
    m_recording = true;
    // Every outcome that finished meanwhile is written in one transaction (group commit).
    const QList<Outcome> batch = std::exchange(m_outcomes, {});
    m_store.run(
        this, [batch](Store &store) { return writeOutcomes(store, batch); },
        [this, batch](Status result) {
            m_recording = false;
            if (!result)
                qCWarning(lcSend) << "Could not record send outcomes (the rows stay 'sending' "
                                     "and are reconciled at the next start):"
                                  << result.error();
            for (const Outcome &o : batch)
                recorded(o.item, o.state, result ? o.reason : result.error());
            if (!m_outcomes.isEmpty())
                recordOutcomes();
        });
}

void OutboxSender::recorded(const OutboxItem &item, OutboxItem::State state, const QString &reason)
{
    --m_inFlight;
    if (state == OutboxItem::State::Failed || state == OutboxItem::State::Interrupted)
        qCWarning(lcSend).noquote() << "Outbox" << item.id << toText(state) << ":" << reason;
    Q_EMIT sendFinished(item.id, state, reason);
    wake();
}

} // namespace shopdesk
