#include "storage/TenantStore.h"

#include "storage/SecretBox.h"
#include "storage/SqlSupport.h"

#include <QRegularExpression>
#include <QUuid>

namespace shopdesk {

using namespace sql;

namespace {

Tenant tenantFrom(const SqlRow &r)
{
    return {r[0].toLongLong(), r[1].toString(), r[2].toString(), time(r[3])};
}

const QString kTenantColumns = QStringLiteral("id, slug, name, created_at");

} // namespace

TenantStore::TenantStore(SqlBackend &db, const SecretBox &secrets, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_secrets(secrets)
{}

Result<int> TenantStore::sealPlainSecrets()
{
    if (!m_secrets.hasKey())
        return 0;
    return guard([&] {
        int sealed = 0;
        for (const SqlRow &r :
             m_db.query(QStringLiteral("SELECT tenant_id, key, value FROM settings"))) {
            if (!SecretBox::hasPlainSecret(r[2].toString()))
                continue;
            m_db.exec(
                QStringLiteral("UPDATE settings SET value = ? WHERE tenant_id = ? AND key = ?"),
                {need(m_secrets.sealFields(r[2].toString())), r[0], r[1]});
            ++sealed;
        }
        return sealed;
    });
}

bool TenantStore::isValidSlug(const QString &slug)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    return pattern.match(slug).hasMatch();
}

Result<Tenant> TenantStore::addTenant(const QString &slug, const QString &name)
{
    if (!isValidSlug(slug))
        return Result<Tenant>::failure(
            QStringLiteral("The store id \"%1\" is not valid: use lower-case letters, digits and "
                           "dashes (for example corner-shop).")
                .arg(slug));
    if (name.trimmed().isEmpty())
        return Result<Tenant>::failure(QStringLiteral("The store needs a name."));
    auto result = guard([&] {
        if (!m_db.query(QStringLiteral("SELECT id FROM tenants WHERE slug = ?"), {slug}).isEmpty())
            throw SqlError(QStringLiteral("A store with the id \"%1\" already exists.").arg(slug));
        const SqlRows rows = m_db.query(
            QStringLiteral("INSERT INTO tenants (slug, name, created_at) VALUES (?, ?, ?) "
                           "RETURNING ") +
                kTenantColumns,
            {slug, name.trimmed(), now()});
        return tenantFrom(rows.first());
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT tenantsChanged(); }, QStringLiteral("t"));
    return result;
}

Result<QList<Tenant>> TenantStore::tenants()
{
    return guard([&] {
        QList<Tenant> list;
        for (const SqlRow &r : m_db.query(QStringLiteral("SELECT ") + kTenantColumns +
                                          QStringLiteral(" FROM tenants ORDER BY name, id")))
            list.append(tenantFrom(r));
        return list;
    });
}

Result<Tenant> TenantStore::tenantBySlug(const QString &slug)
{
    return guard([&] {
        const SqlRows rows = m_db.query(QStringLiteral("SELECT ") + kTenantColumns +
                                            QStringLiteral(" FROM tenants WHERE slug = ?"),
                                        {slug});
        if (rows.isEmpty())
            throw NotFound(QStringLiteral("There is no store with the id \"%1\".").arg(slug));
        return tenantFrom(rows.first());
    });
}

Status TenantStore::setSetting(qint64 tenantId, const QString &key, const QString &value)
{
    auto result = guard([&] {
        m_db.exec(
            QStringLiteral("INSERT INTO settings (tenant_id, key, value) VALUES (?, ?, ?) "
                           "ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value"),
            {tenantId, key, need(m_secrets.sealFields(value))});
        return Done{};
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT settingsChanged(tenantId); },
                         QStringLiteral("s:%1").arg(tenantId));
    return result;
}

Status TenantStore::setSettings(qint64 tenantId, const QList<QPair<QString, QString>> &values)
{
    if (values.isEmpty())
        return success();
    auto result = guard([&] {
        return transaction(m_db, [&] {
            for (const auto &[key, value] : values)
                m_db.exec(QStringLiteral("INSERT INTO settings (tenant_id, key, value) VALUES (?, "
                                         "?, ?) ON CONFLICT (tenant_id, key) DO UPDATE SET value "
                                         "= excluded.value"),
                          {tenantId, key, need(m_secrets.sealFields(value))});
            return Done{};
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT settingsChanged(tenantId); },
                         QStringLiteral("s:%1").arg(tenantId));
    return result;
}

Result<QString> TenantStore::setting(qint64 tenantId, const QString &key, const QString &fallback)
{
    return guard([&] {
        const SqlRows rows =
            m_db.query(QStringLiteral("SELECT value FROM settings WHERE tenant_id = ? AND key = ?"),
                       {tenantId, key});
        return rows.isEmpty() ? fallback : need(m_secrets.openFields(rows.first()[0].toString()));
    });
}

Result<QMap<QString, QString>> TenantStore::settings(qint64 tenantId)
{
    return guard([&] {
        QMap<QString, QString> map;
        for (const SqlRow &r : m_db.query(
                 QStringLiteral("SELECT key, value FROM settings WHERE tenant_id = ?"), {tenantId}))
            map.insert(r[0].toString(), need(m_secrets.openFields(r[1].toString())));
        return map;
    });
}

Result<QMap<QString, QString>> TenantStore::settingsWithName(qint64 tenantId)
{
    auto map = settings(tenantId);
    if (!map)
        return map;
    return guard([&] {
        const SqlRows name =
            m_db.query(QStringLiteral("SELECT name FROM tenants WHERE id = ?"), {tenantId});
        if (!name.isEmpty())
            map->insert(QStringLiteral("store.name"), name.first()[0].toString());
        return map.value();
    });
}

} // namespace shopdesk
