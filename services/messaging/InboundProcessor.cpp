#include "messaging/InboundProcessor.h"

#include "core/Logging.h"
#include "messaging/InboundEventApplier.h"
#include "storage/SqlSupport.h"
#include "storage/StoreWorker.h"

namespace shopdesk {

namespace {

constexpr int kBatch = 500;

struct PassResult
{
    int fetched = 0;
    qint64 lastId = 0;
    QList<MediaJob> media;
};

void collect(PassResult &pass, InboundEventApplier::Outcome &&outcome)
{
    pass.media += outcome.media;
}

// After the store's commit: the inbox file (SQLite) learns which events are done; one that
// fails is done by the next pass (until then the store's own record keeps them from being
// applied again).
void settle(Store &store)
{
    if (const Status settled = store.inbox().settle(); !settled)
        qCWarning(lcNet) << "The inbox file could not be told which events are done yet:"
                         << settled.error();
}

Result<PassResult> processBatchOnce(Store &store, qint64 after);

// Applies the next batch of recorded events in one transaction, under the inbox's processing
// lock (one node at a time on PostgreSQL); if one event fails, redoes them one by one so the
// others are not held back by it, each re-checked under the lock.
Result<PassResult> processBatch(Store &store, qint64 after)
{
    settle(store);
    auto pass = processBatchOnce(store, after);
    settle(store);
    return pass;
}

Result<PassResult> processBatchOnce(Store &store, qint64 after)
{
    auto channels = store.channels().allChannels(false);
    if (!channels)
        return Result<PassResult>::failure(channels.error());
    QHash<qint64, QString> providers;
    for (const Channel &c : std::as_const(channels.value()))
        providers.insert(c.id, c.provider);
    QList<InboundEvent> events;
    try {
        return sql::transaction(store.backend(), [&] {
            sql::need(store.inbox().lockForProcessing());
            events = sql::need(store.inbox().unprocessed(kBatch, after));
            PassResult batch;
            batch.fetched = int(events.size());
            batch.lastId = events.isEmpty() ? after : events.last().id;
            InboundEventApplier::Pass applied;
            QList<qint64> done;
            for (const InboundEvent &e : std::as_const(events)) {
                auto outcome =
                    InboundEventApplier::apply(store, e, providers.value(e.channelId), &applied);
                if (outcome.done)
                    done.append(e.id);
                collect(batch, std::move(outcome));
            }
            collect(batch, InboundEventApplier::flush(store, applied));
            sql::need(store.inbox().markProcessed(done));
            return batch;
        });
    } catch (const std::exception &e) {
        if (events.isEmpty())
            return Result<PassResult>::failure(QString::fromUtf8(e.what()));
        qCWarning(lcNet) << "Processing a batch failed, retrying one by one:" << e.what();
    }
    PassResult pass;
    pass.fetched = int(events.size());
    pass.lastId = events.last().id;
    for (const InboundEvent &e : std::as_const(events)) {
        try {
            collect(pass, sql::transaction(store.backend(), [&] {
                        sql::need(store.inbox().lockForProcessing());
                        if (!sql::need(store.inbox().isUnprocessed(e.id)))
                            return InboundEventApplier::Outcome{};
                        auto outcome =
                            InboundEventApplier::apply(store, e, providers.value(e.channelId));
                        if (outcome.done)
                            sql::need(store.inbox().markProcessed(e.tenantId, e.id));
                        return outcome;
                    }));
        } catch (const std::exception &error) {
            qCWarning(lcNet) << "Cannot process inbound event" << e.id << ":" << error.what();
        }
    }
    return pass;
}

} // namespace

InboundProcessor::InboundProcessor(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_retryTimer.setParent(this); // moves with the processor to the engine's thread
    m_retryTimer.setInterval(2000);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_cursor = 0; // revisit events that were waiting
        wake();
    });
}

void InboundProcessor::start()
{
    m_started = true;
    m_cursor = 0;
    m_retryTimer.start();
    wake();
}

void InboundProcessor::stop()
{
    m_started = false;
    m_retryTimer.stop();
}

void InboundProcessor::wake()
{
    if (!m_started)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    runPass();
}

void InboundProcessor::runPass()
{
    m_running = true;
    m_again = false;
    const qint64 after = m_cursor;
    m_store.run(
        this, [after](Store &store) { return processBatch(store, after); },
        [this](Result<PassResult> result) {
            m_running = false;
            if (!result) {
                qCWarning(lcNet) << "Inbound processing paused:" << result.error();
                return; // the retry timer tries again
            }
            m_cursor = result->lastId;
            if (!result->media.isEmpty())
                Q_EMIT mediaWanted(result->media);
            if (result->fetched == kBatch || m_again)
                runPass();
            else
                Q_EMIT idle();
        },
        // Before the bot's turns: customers' messages reach the console (and the bot's queue)
        // at once even when the bot is behind.
        StoreWorker::Priority::Urgent);
}

} // namespace shopdesk
