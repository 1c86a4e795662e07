#include "cli/ChannelCommands.h"

#include "messaging/ChannelConfig.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {
namespace {

QJsonObject toJson(const Channel &c, const std::optional<ChannelHealth> &health = std::nullopt)
{
    const ChannelConfig config(c);
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("tenant_id"), c.tenantId},
                  {QStringLiteral("provider"), c.provider},
                  {QStringLiteral("name"), c.name},
                  {QStringLiteral("enabled"), c.enabled},
                  {QStringLiteral("webhook_path"), config.webhookPath()},
                  {QStringLiteral("config"), config.redacted()}};
    if (health) {
        const auto time = [](const QDateTime &t) {
            return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
        };
        o.insert(QLatin1String("health"),
                 QJsonObject{
                     {QStringLiteral("last_webhook_at"), time(health->lastWebhookAt)},
                     {QStringLiteral("rejected"), health->rejectedCount},
                     {QStringLiteral("last_rejected_reason"), health->lastRejectedReason},
                     {QStringLiteral("send_failures"), health->sendFailures},
                     {QStringLiteral("last_send_failure_reason"), health->lastSendFailureReason}});
    }
    return o;
}

} // namespace

void ChannelAddCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("provider"),
                      QStringLiteral("meta, twilio, evolution or simulator."),
                      QStringLiteral("P")});
    parser.addOption(
        {QStringLiteral("name"), QStringLiteral("A name for the channel."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("set"),
                      QStringLiteral("A provider setting, KEY=VALUE (repeat for each key)."),
                      QStringLiteral("KEY=VALUE")});
}

int ChannelAddCommand::run(const QCommandLineParser &parser)
{
    const QString provider = parser.value(QStringLiteral("provider"));
    QJsonObject config;
    for (const QString &pair : parser.values(QStringLiteral("set"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("--set needs KEY=VALUE, not \"%1\".").arg(pair));
        const QString key = pair.left(eq);
        const QString value = pair.mid(eq + 1);
        if (key == QLatin1String("templates")) {
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(value.toUtf8(), &error);
            if (!doc.isArray())
                return fail(QStringLiteral("templates must be a JSON list, e.g. "
                                           "[{\"name\":\"order_update\",\"language\":\"en\"}]."));
            config.insert(key, doc.array());
        } else {
            config.insert(key, value);
        }
    }
    if (auto valid = ChannelConfig::validate(provider, config); !valid)
        return fail(valid.error());
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    Channel channel;
    channel.provider = provider;
    channel.name = parser.value(QStringLiteral("name")).isEmpty()
                       ? QStringLiteral("%1 channel").arg(provider)
                       : parser.value(QStringLiteral("name"));
    channel.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
    auto added = store.value()->channels().addChannel(tenant->id, channel);
    if (!added)
        return fail(added.error());
    out() << QJsonDocument(toJson(added.value())).toJson(QJsonDocument::Compact) << '\n';
    return ExitOk;
}

void ChannelListCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the channels as JSON.")});
}

int ChannelListCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    auto channels = store.value()->channels().channels(tenant->id);
    if (!channels)
        return fail(channels.error());
    QJsonArray array;
    for (const Channel &c : std::as_const(channels.value())) {
        auto health = store.value()->channels().health(tenant->id, c.id);
        array.append(toJson(c, health ? std::optional(health.value()) : std::nullopt));
    }
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    if (array.isEmpty()) {
        out() << "no channels yet (add one: shopdesk-cli channel add --tenant " << tenant->slug
              << " --provider simulator)\n";
        return ExitOk;
    }
    out() << "ID  PROVIDER   NAME                  WEBHOOK PATH\n";
    for (const QJsonValue &v : std::as_const(array)) {
        const QJsonObject c = v.toObject();
        out() << QString::number(c.value(QLatin1String("id")).toInteger()).leftJustified(4)
              << c.value(QLatin1String("provider")).toString().leftJustified(11)
              << c.value(QLatin1String("name")).toString().leftJustified(22)
              << c.value(QLatin1String("webhook_path")).toString() << '\n';
    }
    return ExitOk;
}

} // namespace shopdesk
