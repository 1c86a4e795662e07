#pragma once

#include "core/Result.h"
#include "domain/Tenant.h"

#include <QMap>
#include <QObject>

namespace shopdesk {

class SecretBox;
class SqlBackend;

// Stores (tenants) and their settings.
class TenantStore : public QObject
{
    Q_OBJECT
public:
    TenantStore(SqlBackend &db, const SecretBox &secrets, QObject *parent = nullptr);

    Result<Tenant> addTenant(const QString &slug, const QString &name);
    Result<QList<Tenant>> tenants();
    Result<Tenant> tenantBySlug(const QString &slug);

    Status setSetting(qint64 tenantId, const QString &key, const QString &value);
    // Several at once, all or none, with one settingsChanged.
    Status setSettings(qint64 tenantId, const QList<QPair<QString, QString>> &values);
    Result<QString> setting(qint64 tenantId, const QString &key, const QString &fallback = {});
    Result<QMap<QString, QString>> settings(qint64 tenantId);
    // The settings with the store's name (the tenant's) as store.name, for what customers read.
    Result<QMap<QString, QString>> settingsWithName(qint64 tenantId);

    // Settings whose JSON holds a secret (a model's api_key) still in plain text, sealed.
    Result<int> sealPlainSecrets();

    static bool isValidSlug(const QString &slug);

Q_SIGNALS:
    void tenantsChanged();
    void settingsChanged(qint64 tenantId);

private:
    SqlBackend &m_db;
    const SecretBox &m_secrets;
};

} // namespace shopdesk
