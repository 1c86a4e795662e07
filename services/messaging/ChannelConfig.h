#pragma once

#include "core/Result.h"
#include "domain/Channel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace shopdesk {

// A channel's provider settings (the keys `shopdesk-cli channel add --set` takes), with their
// defaults, validation, and a redacted view that never shows a secret.
class ChannelConfig
{
public:
    explicit ChannelConfig(const Channel &channel);

    static QStringList providers();
    static QStringList knownKeys(const QString &provider);
    static QStringList requiredKeys(const QString &provider);
    static bool isSecret(const QString &key);
    // Checks the provider and keys; fills generated values (simulator secrets) into `config`.
    static Status validate(const QString &provider, QJsonObject &config);
    static QString webhookPath(const QString &provider, const QString &webhookKey);

    const Channel &channel() const { return m_channel; }
    QString provider() const { return m_channel.provider; }
    QString value(const QString &key, const QString &fallback = {}) const;
    QString webhookPath() const;
    QString apiBase() const;    // the provider's API root, overridable for tests
    QString apiVersion() const; // Meta Graph API version, default v21.0
    int rateLimitPerSecond() const;
    qint64 mediaMaxBytes() const;
    bool allowGroups() const;
    bool hasCustomerWindow() const; // Meta, Twilio and the simulator enforce the 24-hour window
    QJsonArray templates() const;
    QJsonObject templateNamed(const QString &name) const;
    QJsonObject redacted() const;

private:
    Channel m_channel;
    QJsonObject m_config;
};

} // namespace shopdesk
