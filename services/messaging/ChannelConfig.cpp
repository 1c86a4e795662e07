#include "messaging/ChannelConfig.h"

#include "storage/SecretBox.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace shopdesk {

namespace {

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toHex());
}

const QStringList kCommonKeys = {QStringLiteral("rate_limit"), QStringLiteral("media_max_bytes"),
                                 QStringLiteral("templates")};

} // namespace

ChannelConfig::ChannelConfig(const Channel &channel)
    : m_channel(channel)
    , m_config(QJsonDocument::fromJson(channel.configJson.toUtf8()).object())
{}

QStringList ChannelConfig::providers()
{
    return {QStringLiteral("meta"), QStringLiteral("twilio"), QStringLiteral("evolution"),
            QStringLiteral("simulator")};
}

QStringList ChannelConfig::knownKeys(const QString &provider)
{
    QStringList keys;
    if (provider == QLatin1String("meta") || provider == QLatin1String("simulator"))
        keys = {QStringLiteral("phone_number_id"), QStringLiteral("access_token"),
                QStringLiteral("app_secret"),      QStringLiteral("verify_token"),
                QStringLiteral("api_version"),     QStringLiteral("api_base")};
    else if (provider == QLatin1String("twilio"))
        keys = {QStringLiteral("account_sid"), QStringLiteral("auth_token"), QStringLiteral("from"),
                QStringLiteral("public_url"), QStringLiteral("api_base")};
    else if (provider == QLatin1String("evolution"))
        keys = {QStringLiteral("base_url"), QStringLiteral("api_key"), QStringLiteral("instance"),
                QStringLiteral("webhook_secret"), QStringLiteral("allow_groups")};
    return keys + kCommonKeys;
}

QStringList ChannelConfig::requiredKeys(const QString &provider)
{
    if (provider == QLatin1String("meta"))
        return {QStringLiteral("phone_number_id"), QStringLiteral("access_token"),
                QStringLiteral("app_secret"), QStringLiteral("verify_token")};
    if (provider == QLatin1String("twilio"))
        return {QStringLiteral("account_sid"), QStringLiteral("auth_token"),
                QStringLiteral("from")};
    if (provider == QLatin1String("evolution"))
        return {QStringLiteral("base_url"), QStringLiteral("api_key"), QStringLiteral("instance"),
                QStringLiteral("webhook_secret")};
    return {};
}

bool ChannelConfig::isSecret(const QString &key)
{
    return SecretBox::isSecretField(key);
}

Status ChannelConfig::validate(const QString &provider, QJsonObject &config)
{
    if (!providers().contains(provider))
        return Status::failure(QStringLiteral("Unknown provider \"%1\": use one of %2.")
                                   .arg(provider, providers().join(QStringLiteral(", "))));
    const QStringList known = knownKeys(provider);
    for (auto it = config.constBegin(); it != config.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return Status::failure(QStringLiteral("A %1 channel has no setting \"%2\". Known "
                                                  "settings: %3.")
                                       .arg(provider, it.key(), known.join(QStringLiteral(", "))));
    }
    if (provider == QLatin1String("simulator")) {
        for (const char *key : {"app_secret", "verify_token"}) {
            if (config.value(QLatin1String(key)).toString().isEmpty())
                config.insert(QLatin1String(key), randomToken(16));
        }
        if (config.value(QLatin1String("phone_number_id")).toString().isEmpty())
            config.insert(QStringLiteral("phone_number_id"), QStringLiteral("simulator"));
    }
    QStringList missing;
    for (const QString &key : requiredKeys(provider)) {
        if (config.value(key).toString().trimmed().isEmpty())
            missing << key;
    }
    if (!missing.isEmpty())
        return Status::failure(QStringLiteral("A %1 channel needs %2.")
                                   .arg(provider, missing.join(QStringLiteral(", "))));
    for (const char *key : {"api_base", "base_url", "public_url"}) {
        const QString url = config.value(QLatin1String(key)).toString();
        if (url.isEmpty())
            continue;
        const QUrl parsed(url);
        if (!parsed.isValid() ||
            (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
            return Status::failure(
                QStringLiteral("%1 must be an http or https address, not \"%2\".")
                    .arg(QLatin1String(key), url));
    }
    if (config.contains(QLatin1String("rate_limit")) &&
        config.value(QLatin1String("rate_limit")).toVariant().toInt() <= 0)
        return Status::failure(QStringLiteral("rate_limit must be a number of messages per "
                                              "second above zero."));
    return success();
}

QString ChannelConfig::webhookPath(const QString &provider, const QString &webhookKey)
{
    return QStringLiteral("/webhooks/%1/%2").arg(provider, webhookKey);
}

QString ChannelConfig::value(const QString &key, const QString &fallback) const
{
    const QJsonValue v = m_config.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    const QString s = v.isString() ? v.toString() : v.toVariant().toString();
    return s.isEmpty() ? fallback : s;
}

QString ChannelConfig::webhookPath() const
{
    return webhookPath(m_channel.provider, m_channel.webhookKey);
}

QString ChannelConfig::apiBase() const
{
    if (m_channel.provider == QLatin1String("twilio"))
        return value(QStringLiteral("api_base"), QStringLiteral("https://api.twilio.com"));
    if (m_channel.provider == QLatin1String("evolution"))
        return value(QStringLiteral("base_url"));
    return value(QStringLiteral("api_base"), QStringLiteral("https://graph.facebook.com"));
}

QString ChannelConfig::apiVersion() const
{
    return value(QStringLiteral("api_version"), QStringLiteral("v21.0"));
}

int ChannelConfig::rateLimitPerSecond() const
{
    const int limit = value(QStringLiteral("rate_limit")).toInt();
    return limit > 0 ? limit : 80;
}

qint64 ChannelConfig::mediaMaxBytes() const
{
    const qint64 limit = value(QStringLiteral("media_max_bytes")).toLongLong();
    return limit > 0 ? limit : 25LL * 1024 * 1024;
}

bool ChannelConfig::allowGroups() const
{
    const QString v = value(QStringLiteral("allow_groups")).toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes");
}

bool ChannelConfig::hasCustomerWindow() const
{
    return m_channel.provider != QLatin1String("evolution");
}

QJsonArray ChannelConfig::templates() const
{
    const QJsonValue v = m_config.value(QLatin1String("templates"));
    if (v.isArray())
        return v.toArray();
    return QJsonDocument::fromJson(v.toString().toUtf8()).array(); // set from the CLI as text
}

QJsonObject ChannelConfig::templateNamed(const QString &name) const
{
    for (const QJsonValue &t : templates()) {
        if (t.toObject().value(QLatin1String("name")).toString() == name)
            return t.toObject();
    }
    return {};
}

QJsonObject ChannelConfig::redacted() const
{
    QJsonObject out = m_config;
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (isSecret(it.key()) && !it.value().toString().isEmpty())
            it.value() = QString(QStringLiteral("••••") + it.value().toString().right(4));
    }
    return out;
}

} // namespace shopdesk
