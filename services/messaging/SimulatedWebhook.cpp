#include "messaging/SimulatedWebhook.h"

#include "messaging/ChannelConfig.h"
#include "messaging/FormBody.h"
#include "messaging/SimulatorPhone.h"
#include "messaging/WebhookSignatures.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

SimulatedWebhook SimulatedWebhook::customerMessage(const Channel &channel, const QUrl &baseUrl,
                                                   const QString &runId, qint64 n, int customers)
{
    const ChannelConfig config(channel);
    SimulatedWebhook hook;
    QUrl url = baseUrl;
    url.setPath(config.webhookPath());
    hook.url = url;
    const int customer = int(n % std::max(1, customers));
    const QString phone = QStringLiteral("+9190%1").arg(customer, 8, 10, QLatin1Char('0'));
    const QString name = QStringLiteral("Customer %1").arg(customer);
    const QString text = QStringLiteral("Load test message %1: 2 milk aur 1 bread").arg(n);
    const QString provider = channel.provider;
    if (provider == QLatin1String("twilio")) {
        const FormBody::Fields fields{
            {QStringLiteral("MessageSid"), QStringLiteral("SMload%1x%2").arg(runId).arg(n)},
            {QStringLiteral("AccountSid"), config.value(QStringLiteral("account_sid"))},
            {QStringLiteral("From"), QStringLiteral("whatsapp:") + phone},
            {QStringLiteral("To"),
             QStringLiteral("whatsapp:") + config.value(QStringLiteral("from"))},
            {QStringLiteral("Body"), text},
            {QStringLiteral("NumMedia"), QStringLiteral("0")},
            {QStringLiteral("ProfileName"), name}};
        QString base = config.value(QStringLiteral("public_url"));
        if (base.isEmpty())
            base = QStringLiteral("http://%1:%2").arg(baseUrl.host()).arg(baseUrl.port(80));
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        hook.body = FormBody::encode(fields);
        hook.headers = {
            {"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", WebhookSignatures::twilioSignature(
                                       base + config.webhookPath(), fields,
                                       config.value(QStringLiteral("auth_token")).toUtf8())}};
    } else if (provider == QLatin1String("evolution")) {
        const QJsonObject body{
            {QStringLiteral("event"), QStringLiteral("messages.upsert")},
            {QStringLiteral("instance"), config.value(QStringLiteral("instance"))},
            {QStringLiteral("data"),
             QJsonObject{
                 {QStringLiteral("key"),
                  QJsonObject{
                      {QStringLiteral("remoteJid"),
                       QString(phone.mid(1) + QStringLiteral("@s.whatsapp.net"))},
                      {QStringLiteral("fromMe"), false},
                      {QStringLiteral("id"), QStringLiteral("LOAD%1X%2").arg(runId).arg(n)}}},
                 {QStringLiteral("pushName"), name},
                 {QStringLiteral("message"), QJsonObject{{QStringLiteral("conversation"), text}}},
                 {QStringLiteral("messageType"), QStringLiteral("conversation")},
                 {QStringLiteral("messageTimestamp"),
                  qint64(QDateTime::currentSecsSinceEpoch())}}}};
        hook.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        hook.headers = {
            {"Content-Type", "application/json"},
            {"X-Shopdesk-Secret", config.value(QStringLiteral("webhook_secret")).toUtf8()}};
    } else {
        hook.body =
            SimulatorPhone::messageBody(config.value(QStringLiteral("phone_number_id")), phone,
                                        name, QStringLiteral("wamid.load.%1.%2").arg(runId).arg(n),
                                        text, QDateTime::currentSecsSinceEpoch());
        hook.headers = {{"Content-Type", "application/json"},
                        {"X-Hub-Signature-256",
                         WebhookSignatures::metaHeader(
                             hook.body, config.value(QStringLiteral("app_secret")).toUtf8())}};
    }
    return hook;
}

} // namespace shopdesk
