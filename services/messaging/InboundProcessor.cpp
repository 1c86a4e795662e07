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
    QList<Message> customerMessages;
    QList<MediaJob> media;
};

void collect(PassResult &pass, InboundEventApplier::Outcome &&outcome)
{
    pass.customerMessages += outcome.customerMessages;
    pass.media += outcome.media;
}

} // namespace

InboundProcessor::InboundProcessor(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
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
        this,
        [after](Store &store) -> Result<PassResult> {
            auto events = store.inbox().unprocessed(kBatch, after);
            if (!events)
                return Result<PassResult>::failure(events.error());
            auto channels = store.channels().allChannels(false);
            if (!channels)
                return Result<PassResult>::failure(channels.error());
            QHash<qint64, QString> providers;
            for (const Channel &c : std::as_const(channels.value()))
                providers.insert(c.id, c.provider);

            PassResult pass;
            pass.fetched = int(events->size());
            pass.lastId = events->isEmpty() ? after : events->last().id;
            const auto applyOne = [&](const InboundEvent &e) {
                auto outcome = InboundEventApplier::apply(store, e, providers.value(e.channelId));
                if (outcome.done) {
                    if (auto marked = store.inbox().markProcessed(e.tenantId, e.id); !marked)
                        throw SqlError(marked.error());
                }
                return outcome;
            };
            // The whole batch in one transaction; if one event fails, redo them one by one so
            // the others are not held back by it.
            try {
                PassResult batch = pass;
                InboundEventApplier::Pass applied;
                sql::transaction(store.backend(), [&] {
                    QList<qint64> done;
                    for (const InboundEvent &e : std::as_const(events.value())) {
                        auto outcome = InboundEventApplier::apply(
                            store, e, providers.value(e.channelId), &applied);
                        if (outcome.done)
                            done.append(e.id);
                        collect(batch, std::move(outcome));
                    }
                    collect(batch, InboundEventApplier::flush(store, applied));
                    if (auto marked = store.inbox().markProcessed(done); !marked)
                        throw SqlError(marked.error());
                });
                return batch;
            } catch (const std::exception &e) {
                qCWarning(lcNet) << "Processing a batch failed, retrying one by one:" << e.what();
            }
            for (const InboundEvent &e : std::as_const(events.value())) {
                try {
                    collect(pass, sql::transaction(store.backend(), [&] { return applyOne(e); }));
                } catch (const std::exception &error) {
                    qCWarning(lcNet)
                        << "Cannot process inbound event" << e.id << ":" << error.what();
                }
            }
            return pass;
        },
        [this](Result<PassResult> result) {
            m_running = false;
            if (!result) {
                qCWarning(lcNet) << "Inbound processing paused:" << result.error();
                return; // the retry timer tries again
            }
            m_cursor = result->lastId;
            if (!result->customerMessages.isEmpty()) {
                QHash<qint64, QList<Message>> byConversation;
                QList<qint64> order;
                for (const Message &m : std::as_const(result->customerMessages)) {
                    if (!byConversation.contains(m.conversationId))
                        order.append(m.conversationId);
                    byConversation[m.conversationId].append(m);
                }
                for (const qint64 id : std::as_const(order))
                    Q_EMIT customerMessages(byConversation.value(id).first().tenantId, id,
                                            byConversation.value(id));
            }
            if (!result->media.isEmpty())
                Q_EMIT mediaWanted(result->media);
            if (result->fetched == kBatch || m_again)
                runPass();
            else
                Q_EMIT idle();
        });
}

} // namespace shopdesk
