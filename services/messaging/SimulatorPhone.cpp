#include "messaging/SimulatorPhone.h"

#include <QPointer>

#include "messaging/ChannelConfig.h"
#include "messaging/PhoneAddress.h"
#include "messaging/WebhookService.h"
#include "messaging/WebhookSignatures.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUuid>

namespace shopdesk {

namespace {

QJsonObject envelope(const QString &phoneNumberId, const QJsonObject &value)
{
    QJsonObject v = value;
    v.insert(QLatin1String("messaging_product"), QStringLiteral("whatsapp"));
    v.insert(QLatin1String("metadata"),
             QJsonObject{{QStringLiteral("display_phone_number"), phoneNumberId},
                         {QStringLiteral("phone_number_id"), phoneNumberId}});
    return {{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
            {QStringLiteral("entry"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("id"), QStringLiteral("simulator")},
                 {QStringLiteral("changes"),
                  QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("messages")},
                                         {QStringLiteral("value"), v}}}}}}}};
}

} // namespace

SimulatorPhone::SimulatorPhone(StoreWorker &store, WebhookService &webhooks, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_webhooks(webhooks)
{}

QByteArray SimulatorPhone::messageBody(const QString &phoneNumberId, const QString &from,
                                       const QString &name, const QString &id, const QString &text,
                                       qint64 timestamp)
{
    const QString waId = PhoneAddress::digits(from);
    const QJsonObject value{
        {QStringLiteral("contacts"),
         QJsonArray{
             QJsonObject{{QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), name}}},
                         {QStringLiteral("wa_id"), waId}}}},
        {QStringLiteral("messages"),
         QJsonArray{
             QJsonObject{{QStringLiteral("from"), waId},
                         {QStringLiteral("id"), id},
                         {QStringLiteral("timestamp"), QString::number(timestamp)},
                         {QStringLiteral("type"), QStringLiteral("text")},
                         {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}}}}}}};
    return QJsonDocument(envelope(phoneNumberId, value)).toJson(QJsonDocument::Compact);
}

QByteArray SimulatorPhone::statusBody(const QString &phoneNumberId, const QString &recipient,
                                      const QString &id, const QString &status, qint64 timestamp)
{
    const QJsonObject value{
        {QStringLiteral("statuses"),
         QJsonArray{
             QJsonObject{{QStringLiteral("id"), id},
                         {QStringLiteral("status"), status},
                         {QStringLiteral("timestamp"), QString::number(timestamp)},
                         {QStringLiteral("recipient_id"), PhoneAddress::digits(recipient)}}}}};
    return QJsonDocument(envelope(phoneNumberId, value)).toJson(QJsonDocument::Compact);
}

void SimulatorPhone::customerSays(qint64 channelId, const QString &from, const QString &name,
                                  const QString &text, std::function<void(int)> done)
{
    if (QThread::currentThread() != thread()) { // the console's test phone
        QMetaObject::invokeMethod(this,
                                  [=, this] { customerSays(channelId, from, name, text, done); });
        return;
    }
    const QString id = QStringLiteral("wamid.simin.") + QUuid::createUuid().toString(QUuid::Id128);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // The body needs the channel's phone number id; post() fills the signature.
    m_store.run(
        this,
        [channelId](Store &store) -> Result<QList<Channel>> {
            return store.channels().allChannels();
        },
        [this, channelId, from, name, id, text, now, done](Result<QList<Channel>> channels) {
            if (!channels) {
                if (done)
                    done(503);
                return;
            }
            for (const Channel &c : std::as_const(channels.value())) {
                if (c.id != channelId)
                    continue;
                const ChannelConfig config(c);
                post(channelId,
                     messageBody(config.value(QStringLiteral("phone_number_id")), from, name, id,
                                 text, now),
                     done);
                return;
            }
            if (done)
                done(404);
        });
}

void SimulatorPhone::deliver(qint64 channelId, const QString &customer,
                             const QString &providerMessageId, const QString &text)
{
    Q_EMIT received(channelId, customer, text);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const char *status : {"delivered", "read"})
        post(channelId,
             statusBody(QStringLiteral("simulator"), customer, providerMessageId,
                        QLatin1String(status), now),
             {});
}

void SimulatorPhone::post(qint64 channelId, const QByteArray &body, std::function<void(int)> done)
{
    m_store.run(
        this, [channelId](Store &store) { return store.channels().allChannels(); },
        [this, channelId, body, done](Result<QList<Channel>> channels) {
            if (!channels)
                return;
            for (const Channel &c : std::as_const(channels.value())) {
                if (c.id != channelId)
                    continue;
                const ChannelConfig config(c);
                HttpRequest request;
                request.method = "POST";
                request.url = QUrl(config.webhookPath());
                request.body = body;
                request.peer = QHostAddress::LocalHost;
                request.headers = {
                    {"Content-Type", "application/json"},
                    {"X-Hub-Signature-256",
                     WebhookSignatures::metaHeader(
                         body, config.value(QStringLiteral("app_secret")).toUtf8())}};
                // The webhook service runs on the engine's network thread; its answer comes
                // back to this one.
                QPointer<SimulatorPhone> self(this);
                QMetaObject::invokeMethod(&m_webhooks, [self, request, done, hooks = &m_webhooks] {
                    hooks->handle(request,
                                  HttpReply::toCallback([self, done](const HttpResponse &r) {
                                      if (!self || !done)
                                          return;
                                      QMetaObject::invokeMethod(
                                          self, [done, status = r.status] { done(status); });
                                  }));
                });
                return;
            }
        });
}

} // namespace shopdesk
