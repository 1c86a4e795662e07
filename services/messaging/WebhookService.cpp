#include "messaging/WebhookService.h"

#include "core/Logging.h"
#include "messaging/ChannelConfig.h"
#include "messaging/EvolutionWebhookParser.h"
#include "messaging/FormBody.h"
#include "messaging/MetaWebhookParser.h"
#include "messaging/TwilioWebhookParser.h"
#include "messaging/WebhookSignatures.h"
#include "storage/StoreWorker.h"

#include <QJsonDocument>
#include <QTimer>

namespace shopdesk {

namespace {

const HttpResponse kOk{200, "text/plain; charset=utf-8", "OK", {}};
const HttpResponse kTwiml{
    200, "text/xml; charset=utf-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", {}};

bool contentTypeIs(const HttpRequest &request, const char *type)
{
    return request.header("Content-Type").toLower().contains(type);
}

} // namespace

WebhookService::WebhookService(StoreWorker &inbox, StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(inbox)
    , m_healthStore(store)
{
    m_healthTimer.setParent(this); // moves to the network thread with the service
    m_healthTimer.setSingleShot(true);
    connect(&m_healthTimer, &QTimer::timeout, this, &WebhookService::noteHealth);
}

void WebhookService::reloadChannels()
{
    m_store.run(
        this, [](Store &store) { return store.channels().allChannels(); },
        [this](Result<QList<Channel>> result) {
            if (!result) {
                qCWarning(lcNet) << "Cannot load channels:" << result.error();
                return;
            }
            m_byPath.clear();
            for (const Channel &c : std::as_const(result.value()))
                m_byPath.insert(ChannelConfig(c).webhookPath(), c);
            m_loaded = true;
            Q_EMIT channelsLoaded();
            const auto waiting = std::exchange(m_waitingForChannels, {});
            for (const auto &[request, reply] : waiting)
                dispatch(request, std::move(*reply));
        });
}

void WebhookService::handle(const HttpRequest &request, HttpReply reply)
{
    if (!m_loaded) {
        m_waitingForChannels.append({request, std::make_shared<HttpReply>(std::move(reply))});
        return;
    }
    dispatch(request, std::move(reply));
}

void WebhookService::dispatch(const HttpRequest &request, HttpReply reply)
{
    const QString path = request.path();
    const auto it = m_byPath.constFind(path);
    if (it == m_byPath.constEnd()) {
        qCInfo(lcNet) << "Webhook for unknown path" << path << "from" << request.peer.toString();
        reply.send(HttpResponse::text(404, QStringLiteral("There is no Shopdesk channel at this "
                                                          "address.")));
        return;
    }
    const Channel &channel = it.value();
    if (request.method == "GET") {
        reply.send(verifyHandshake(channel, request));
        return;
    }
    if (request.method != "POST") {
        reject(channel.id, path, {405, QStringLiteral("Only POST is accepted here.")}, reply);
        return;
    }
    QList<InboundItem> items;
    HttpResponse answer;
    if (const auto rejection = verifyAndParse(channel, request, items, answer)) {
        reject(channel.id, path, *rejection, reply);
        return;
    }
    Pending pending;
    pending.channelId = channel.id;
    pending.answer = answer;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const InboundItem &item : std::as_const(items)) {
        InboundEvent e;
        e.tenantId = channel.tenantId;
        e.channelId = channel.id;
        e.providerMessageId = item.dedupeKey();
        e.kind = toText(item.kind);
        e.body = QJsonDocument(item.toJson()).toJson(QJsonDocument::Compact);
        e.receivedAt = now;
        pending.events.append(e);
    }
    pending.reply = std::make_shared<HttpReply>(std::move(reply));
    m_pending.append(std::move(pending));
    scheduleFlush();
}

HttpResponse WebhookService::verifyHandshake(const Channel &channel, const HttpRequest &request)
{
    const ChannelConfig config(channel);
    if (channel.provider != QLatin1String("meta") && channel.provider != QLatin1String("simulator"))
        return HttpResponse::text(405, QStringLiteral("Only POST is accepted here."));
    const QUrlQuery q = request.query();
    const QString mode = q.queryItemValue(QStringLiteral("hub.mode"), QUrl::FullyDecoded);
    const QString token = q.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded);
    const QString challenge = q.queryItemValue(QStringLiteral("hub.challenge"), QUrl::FullyDecoded);
    const QByteArray expected = config.value(QStringLiteral("verify_token")).toUtf8();
    if (mode == QLatin1String("subscribe") && !expected.isEmpty() &&
        WebhookSignatures::constantTimeEquals(token.toUtf8(), expected)) {
        qCInfo(lcNet) << "Meta verified the webhook of channel" << channel.id;
        return {200, "text/plain; charset=utf-8", challenge.toUtf8(), {}};
    }
    qCWarning(lcNet) << "Meta verification refused for channel" << channel.id
                     << "(mode or verify token does not match)";
    return HttpResponse::text(403, QStringLiteral("The verify token does not match."));
}

std::optional<WebhookService::Rejection> WebhookService::verifyAndParse(const Channel &channel,
                                                                        const HttpRequest &request,
                                                                        QList<InboundItem> &items,
                                                                        HttpResponse &answer)
{
    const ChannelConfig config(channel);
    if (request.body.size() > m_maxBodyBytes)
        return Rejection{413,
                         QStringLiteral("The body is larger than %1 bytes.").arg(m_maxBodyBytes)};
    answer = kOk;
    const QString provider = channel.provider;
    if (provider == QLatin1String("meta") || provider == QLatin1String("simulator")) {
        if (!contentTypeIs(request, "application/json"))
            return Rejection{415, QStringLiteral("Expected application/json.")};
        const QByteArray signature = request.header("X-Hub-Signature-256");
        if (signature.isEmpty())
            return Rejection{401, QStringLiteral("The X-Hub-Signature-256 header is missing.")};
        if (!WebhookSignatures::metaValid(request.body, signature,
                                          config.value(QStringLiteral("app_secret")).toUtf8()))
            return Rejection{403, QStringLiteral("The X-Hub-Signature-256 signature does not "
                                                 "match the app secret.")};
        auto parsed = MetaWebhookParser::parse(request.body);
        if (!parsed)
            return Rejection{400, parsed.error()};
        items = std::move(parsed).value();
    } else if (provider == QLatin1String("twilio")) {
        if (!contentTypeIs(request, "application/x-www-form-urlencoded"))
            return Rejection{415, QStringLiteral("Expected application/x-www-form-urlencoded.")};
        const QByteArray signature = request.header("X-Twilio-Signature");
        if (signature.isEmpty())
            return Rejection{401, QStringLiteral("The X-Twilio-Signature header is missing.")};
        QString base = config.value(QStringLiteral("public_url"));
        if (base.isEmpty())
            base = QStringLiteral("http://") + QString::fromUtf8(request.header("Host"));
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        QString url = base + request.url.path(QUrl::FullyEncoded);
        if (request.url.hasQuery())
            url += QLatin1Char('?') + request.url.query(QUrl::FullyEncoded);
        const FormBody::Fields form = FormBody::parse(request.body);
        if (!WebhookSignatures::twilioValid(url, form, signature,
                                            config.value(QStringLiteral("auth_token")).toUtf8()))
            return Rejection{403, QStringLiteral("The X-Twilio-Signature does not match %1 and "
                                                 "the auth token.")
                                      .arg(url)};
        auto parsed = TwilioWebhookParser::parse(form, request.query());
        if (!parsed)
            return Rejection{400, parsed.error()};
        items = std::move(parsed).value();
        answer = kTwiml;
    } else if (provider == QLatin1String("evolution")) {
        const QByteArray secret = request.header("X-Shopdesk-Secret");
        if (secret.isEmpty())
            return Rejection{401, QStringLiteral("The X-Shopdesk-Secret header is missing; add "
                                                 "it to the Evolution webhook's headers.")};
        if (!WebhookSignatures::constantTimeEquals(
                secret, config.value(QStringLiteral("webhook_secret")).toUtf8()))
            return Rejection{403, QStringLiteral("The X-Shopdesk-Secret header does not match "
                                                 "the channel's webhook secret.")};
        if (!contentTypeIs(request, "application/json"))
            return Rejection{415, QStringLiteral("Expected application/json.")};
        auto parsed = EvolutionWebhookParser::parse(request.body, config.allowGroups());
        if (!parsed)
            return Rejection{400, parsed.error()};
        items = std::move(parsed).value();
    } else {
        return Rejection{404, QStringLiteral("This channel's provider takes no webhooks.")};
    }
    return std::nullopt;
}

WebhookService::Counters WebhookService::counters() const
{
    const QMutexLocker lock(&m_countersLock);
    return m_counters;
}

WebhookService::Counters WebhookService::counters(qint64 channelId) const
{
    const QMutexLocker lock(&m_countersLock);
    return m_perChannel.value(channelId);
}

void WebhookService::reject(qint64 channelId, const QString &path, const Rejection &rejection,
                            HttpReply &reply)
{
    qCWarning(lcNet).noquote() << "Rejected webhook for channel" << channelId << "(" << path
                               << "):" << rejection.status << rejection.reason;
    {
        const QMutexLocker lock(&m_countersLock);
        ++m_counters.rejected;
        ++m_perChannel[channelId].rejected;
    }
    auto &unsaved = m_unsavedRejections[channelId];
    unsaved.first += 1;
    unsaved.second = rejection.reason;
    reply.send(HttpResponse::text(rejection.status, rejection.reason));
    noteHealth();
}

void WebhookService::scheduleFlush()
{
    if (m_flushing || m_flushScheduled)
        return;
    m_flushScheduled = true;
    // Requests that arrive in the same turn of the event loop share one transaction.
    QTimer::singleShot(0, this, [this] {
        m_flushScheduled = false;
        flush();
    });
}

void WebhookService::flush()
{
    if (m_pending.isEmpty())
        return;
    m_flushing = true;
    QList<Pending> batch = std::exchange(m_pending, {});
    QList<InboundEvent> events;
    for (const Pending &p : std::as_const(batch))
        events += p.events;
    m_store.run(
        this,
        [events](Store &store) {
            return events.isEmpty() ? Result<QList<bool>>(QList<bool>())
                                    : store.inbox().record(events);
        },
        [this, batch = std::move(batch)](Result<QList<bool>> result) {
            m_flushing = false;
            if (!result) {
                qCWarning(lcNet) << "Could not record webhooks; the provider will retry:"
                                 << result.error();
                for (const Pending &p : batch)
                    p.reply->send(HttpResponse::text(
                        503, QStringLiteral("Shopdesk could not save this yet; please retry.")));
            } else {
                int index = 0;
                int fresh = 0;
                const QMutexLocker lock(&m_countersLock);
                for (const Pending &p : batch) {
                    Counters &channel = m_perChannel[p.channelId];
                    for (qsizetype i = 0; i < p.events.size(); ++i, ++index) {
                        const bool isNew = result->at(index);
                        fresh += isNew ? 1 : 0;
                        (isNew ? m_counters.recorded : m_counters.duplicates) += 1;
                        (isNew ? channel.recorded : channel.duplicates) += 1;
                    }
                    ++m_counters.accepted;
                    ++channel.accepted;
                    p.reply->send(p.answer);
                    if (!p.events.isEmpty())
                        m_webhooksToNote.insert(p.channelId, p.events.first().tenantId);
                }
                if (fresh > 0)
                    Q_EMIT itemsRecorded(fresh);
            }
            if (!m_pending.isEmpty())
                scheduleFlush();
            noteHealth();
        },
        StoreWorker::Priority::Urgent); // the provider is waiting for the acknowledgement
}

void WebhookService::noteHealth()
{
    // Channel health (the last webhook's time, rejections) is the store's, written by its own
    // connection after the acknowledgements: one write at a time, what came meanwhile merged.
    if (m_notingHealth || m_healthTimer.isActive() ||
        (m_webhooksToNote.isEmpty() && m_unsavedRejections.isEmpty()))
        return;
    // At most once a second: on a shared store every node writes the same channel's row.
    constexpr qint64 kEveryMs = 1000;
    if (m_sinceHealthNote.isValid() && m_sinceHealthNote.elapsed() < kEveryMs) {
        m_healthTimer.start(int(kEveryMs - m_sinceHealthNote.elapsed()));
        return;
    }
    m_sinceHealthNote.start();
    m_notingHealth = true;
    auto webhooks = std::exchange(m_webhooksToNote, {});
    auto rejections = std::exchange(m_unsavedRejections, {});
    QHash<qint64, qint64> tenantOfRejected;
    for (auto it = rejections.cbegin(); it != rejections.cend(); ++it) {
        for (const Channel &c : std::as_const(m_byPath)) {
            if (c.id == it.key())
                tenantOfRejected.insert(c.id, c.tenantId);
        }
    }
    m_healthStore.run(
        this,
        [webhooks, rejections, tenantOfRejected](Store &store) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (auto it = webhooks.cbegin(); it != webhooks.cend(); ++it) {
                if (auto noted = store.channels().noteWebhooks(it.value(), it.key(), now); !noted)
                    qCWarning(lcNet) << "Channel health not updated:" << noted.error();
            }
            for (auto it = rejections.cbegin(); it != rejections.cend(); ++it) {
                if (!tenantOfRejected.contains(it.key()))
                    continue;
                if (auto noted =
                        store.channels().noteRejected(tenantOfRejected.value(it.key()), it.key(),
                                                      it.value().first, it.value().second);
                    !noted)
                    qCWarning(lcNet) << "Channel health not updated:" << noted.error();
            }
            return success();
        },
        [this](Status) {
            m_notingHealth = false;
            noteHealth();
        });
}

} // namespace shopdesk
