#include "messaging/InboundEventApplier.h"

#include "analytics/AnalyticsService.h"
#include "analytics/SentimentLexicon.h"

#include "privacy/OptOutWords.h"

#include "core/Logging.h"
#include "messaging/InboundItem.h"
#include "messaging/ProviderErrors.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QJsonDocument>

namespace shopdesk {

namespace {

template<typename T> T take(Result<T> r);

// "STOP" or "band karo" as a whole message: no more reminders or templates for this customer
// (the bot confirms it when it has the chat); "START" undoes it. Noted in the audit log.
void recordOptOut(Store &store, qint64 tenant, qint64 conversationId, const QString &body)
{
    const OptOutWords::Meaning meaning = OptOutWords::of(body);
    if (meaning == OptOutWords::Meaning::None)
        return;
    const bool out = meaning == OptOutWords::Meaning::OptOut;
    if (take(store.conversations().setOptedOut(tenant, conversationId, out)))
        take(store.audit().record(
            tenant, 0, out ? QStringLiteral("customer.opt_out") : QStringLiteral("customer.opt_in"),
            QJsonObject{{QStringLiteral("conversation"), conversationId}}));
}

template<typename T> T take(Result<T> r)
{
    if (!r)
        throw SqlError(r.error());
    return std::move(r).value();
}

MessageStatus statusFrom(const QString &s)
{
    if (s == QLatin1String("sent"))
        return MessageStatus::Sent;
    if (s == QLatin1String("delivered"))
        return MessageStatus::Delivered;
    if (s == QLatin1String("read") || s == QLatin1String("played"))
        return MessageStatus::Read;
    if (s == QLatin1String("failed"))
        return MessageStatus::Failed;
    return MessageStatus::Received;
}

qint64 outboxIdFrom(const QString &correlation)
{
    QString c = correlation;
    if (c.startsWith(QLatin1String("outbox:")))
        c = c.mid(7);
    bool ok = false;
    const qint64 id = c.toLongLong(&ok);
    return ok ? id : 0;
}

// Both outcomes' messages and media; the event is done only when both say so (a status whose
// message is not recorded yet waits, even when messages before it were flushed).
void merge(InboundEventApplier::Outcome &into, InboundEventApplier::Outcome &&from)
{
    into.done = into.done && from.done;
    into.customerMessages += from.customerMessages;
    into.media += from.media;
}

InboundEventApplier::Outcome applyStatus(Store &store, const InboundEvent &event,
                                         const InboundItem &item, const QString &provider)
{
    InboundEventApplier::Outcome outcome;
    const qint64 tenant = event.tenantId;
    if (const qint64 outboxId = outboxIdFrom(item.correlation); outboxId > 0)
        take(store.outbox().reconcile(tenant, outboxId, item.providerMessageId));
    const auto message =
        take(store.conversations().messageByProviderId(tenant, item.providerMessageId));
    if (!message) {
        const qint64 age =
            QDateTime::currentMSecsSinceEpoch() - event.receivedAt.toMSecsSinceEpoch();
        outcome.done = age > InboundEventApplier::kStatusWaitMs;
        if (outcome.done)
            qCInfo(lcNet) << "Dropped a" << item.status << "status for unknown message"
                          << item.providerMessageId;
        return outcome;
    }
    const MessageStatus status = statusFrom(item.status);
    QString reason;
    if (status == MessageStatus::Failed) {
        reason = ProviderErrors::describe(provider, item.errorCode, item.errorText);
        take(store.channels().noteSendFailure(tenant, event.channelId, reason));
    }
    take(store.conversations().advanceStatus(tenant, message->id, status, item.timestamp, reason));
    return outcome;
}

InboundEventApplier::Outcome applyMessage(Store &store, const InboundEvent &event,
                                          const InboundItem &item, InboundEventApplier::Pass *pass)
{
    InboundEventApplier::Outcome outcome;
    const qint64 tenant = event.tenantId;
    // Store replies and quotes of a waiting message need the waiting ones written first.
    if (pass && (item.fromStore || pass->draftIds.contains(item.replyTo)))
        outcome = InboundEventApplier::flush(store, *pass);
    auto *cache = pass ? &pass->conversations : nullptr;
    auto &conversations = store.conversations();
    if (item.fromStore && take(conversations.messageByProviderId(tenant, item.providerMessageId)))
        return outcome; // our own send, echoed back by the provider

    const QString cacheKey = QStringLiteral("%1|%2|%3|%4")
                                 .arg(tenant)
                                 .arg(event.channelId)
                                 .arg(item.customer, item.customerName);
    qint64 conversationId = cache ? cache->value(cacheKey) : 0;
    if (conversationId == 0) {
        const Contact contact =
            take(conversations.upsertContact(tenant, item.customer, item.customerName));
        conversationId =
            take(conversations.openConversation(tenant, contact.id, event.channelId)).id;
        if (cache && !item.fromStore)
            cache->insert(cacheKey, conversationId);
    }
    Message m;
    m.conversationId = conversationId;
    m.direction = item.fromStore ? Direction::Outbound : Direction::Inbound;
    m.author = item.fromStore ? Author::Human : Author::Customer;
    m.status = item.fromStore ? MessageStatus::Sent : MessageStatus::Received;
    m.type = item.type.isEmpty() ? QStringLiteral("text") : item.type;
    m.body = item.body;
    m.providerMessageId = item.providerMessageId;
    m.createdAt = item.timestamp.isValid() ? item.timestamp : event.receivedAt;
    // A message stamped in the future (a skewed provider clock) must not hold the window open.
    if (m.createdAt > QDateTime::currentDateTimeUtc())
        m.createdAt = QDateTime::currentDateTimeUtc();
    if (item.fromStore)
        m.sentAt = m.createdAt;
    if (!item.replyTo.isEmpty()) {
        if (const auto quoted = take(conversations.messageByProviderId(tenant, item.replyTo)))
            m.replyToId = quoted->id;
    }
    QJsonObject extra = item.extra;
    if (!item.replyTo.isEmpty())
        extra.insert(QLatin1String("reply_to_provider_id"), item.replyTo);
    if (!item.mediaFileName.isEmpty())
        extra.insert(QLatin1String("file_name"), item.mediaFileName);
    m.extraJson = QString::fromUtf8(QJsonDocument(extra).toJson(QJsonDocument::Compact));
    if (item.hasMedia()) {
        m.mediaState = QStringLiteral("pending");
        m.mediaMime = item.mediaMime;
        m.mediaSource = item.mediaId.isEmpty() ? item.mediaUrl : item.mediaId;
    }
    MediaJob job;
    if (item.hasMedia()) {
        job.tenantId = tenant;
        job.channelId = event.channelId;
        job.type = m.type;
        job.source = m.mediaSource;
        job.mime = item.mediaMime;
        job.fileName = item.mediaFileName;
        job.inlineData = item.mediaData;
        job.providerMessageId = item.providerMessageId;
    }
    if (!item.fromStore && m.type == QLatin1String("text")) {
        recordOptOut(store, tenant, conversationId, m.body);
        // Scored now (under a microsecond), so no report has to come back for it.
        if (const SentimentLexicon &lexicon = AnalyticsService::lexicon(); lexicon.isLoaded())
            m.mood = lexicon.mood(m.body);
    }
    if (pass && !item.fromStore) {
        pass->drafts[tenant].append(m);
        pass->jobs[tenant].append(job);
        pass->draftIds.insert(item.providerMessageId);
        return outcome;
    }
    const Message stored = take(conversations.appendMessage(tenant, m));
    if (item.fromStore) {
        take(conversations.markHandledByStorePhone(tenant, conversationId));
    } else {
        take(store.botQueue().enqueue(tenant, {stored.id}));
        outcome.customerMessages.append(stored);
    }
    if (item.hasMedia()) {
        job.messageId = stored.id;
        outcome.media.append(job);
    }
    return outcome;
}

} // namespace

InboundEventApplier::Outcome InboundEventApplier::apply(Store &store, const InboundEvent &event,
                                                        const QString &provider, Pass *pass)
{
    const InboundItem item = InboundItem::fromJson(QJsonDocument::fromJson(event.body).object());
    if (item.kind == InboundItem::Kind::Status) {
        // Keep statuses in order with the messages before them.
        Outcome outcome = pass ? flush(store, *pass) : Outcome{};
        merge(outcome, applyStatus(store, event, item, provider));
        return outcome;
    }
    return applyMessage(store, event, item, pass);
}

InboundEventApplier::Outcome InboundEventApplier::flush(Store &store, Pass &pass)
{
    Outcome outcome;
    for (auto it = pass.drafts.cbegin(); it != pass.drafts.cend(); ++it) {
        const QList<Message> stored =
            take(store.conversations().appendMessages(it.key(), it.value()));
        QList<qint64> ids;
        for (const Message &m : stored)
            ids.append(m.id);
        take(store.botQueue().enqueue(it.key(), ids));
        const QList<MediaJob> &jobs = pass.jobs.value(it.key());
        for (qsizetype i = 0; i < stored.size(); ++i) {
            outcome.customerMessages.append(stored.at(i));
            if (i < jobs.size() && jobs.at(i).tenantId != 0) {
                MediaJob job = jobs.at(i);
                job.messageId = stored.at(i).id;
                outcome.media.append(job);
            }
        }
    }
    pass.drafts.clear();
    pass.jobs.clear();
    pass.draftIds.clear();
    return outcome;
}

} // namespace shopdesk
