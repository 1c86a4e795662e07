#include "storage/Store.h"

#include "storage/PostgresBackend.h"
#include "storage/SqlSupport.h"
#include "storage/SqliteBackend.h"

namespace shopdesk {

Result<std::unique_ptr<Store>> Store::open(const DatabaseUrl &url, bool migrate)
{
    using R = Result<std::unique_ptr<Store>>;
    std::unique_ptr<SqlBackend> backend;
    std::unique_ptr<SqlBackend> inboxFile;
    try {
        if (url.kind() == DatabaseUrl::Kind::Postgres) {
            backend = std::make_unique<PostgresBackend>(url.postgresConnectionString());
        } else {
            backend = std::make_unique<SqliteBackend>(url.sqlitePath());
            inboxFile = std::make_unique<SqliteBackend>(inboxFilePath(url.sqlitePath()));
        }
    } catch (const std::exception &e) {
        return R::failure(QString::fromUtf8(e.what()));
    }
    auto store = std::make_unique<Store>(std::move(backend), std::move(inboxFile));
    if (auto prepared = store->inbox().prepareFile(); !prepared)
        return R::failure(QStringLiteral("Could not prepare the webhooks' inbox file: ") +
                          prepared.error());
    auto status = store->schemaStatus();
    if (!status)
        return R::failure(status.error());
    if (status->currentVersion > status->latestVersion)
        return R::failure(QStringLiteral("This database was set up by a newer Shopdesk (schema %1; "
                                         "this one knows %2). Update Shopdesk to open it.")
                              .arg(status->currentVersion)
                              .arg(status->latestVersion));
    if (migrate && !status->pending.isEmpty()) {
        auto applied = store->migrate();
        if (!applied)
            return R::failure(QStringLiteral("Could not update the database: ") + applied.error());
    }
    if (migrate) {
        // Webhooks an older version kept in the database itself move into the inbox file.
        if (auto moved = store->inbox().adoptMovedEvents(); !moved)
            return R::failure(QStringLiteral("Could not move the saved webhooks into the inbox "
                                             "file: ") +
                              moved.error());
    }
    return R(std::move(store));
}

QString Store::inboxFilePath(const QString &sqlitePath)
{
    return sqlitePath + QStringLiteral("-inbox");
}

Store::Store(std::unique_ptr<SqlBackend> backend, std::unique_ptr<SqlBackend> inboxFile)
    : m_backend(std::move(backend))
    , m_inboxFile(std::move(inboxFile))
    , m_secrets(std::make_unique<SecretBox>())
    , m_tenants(std::make_unique<TenantStore>(*m_backend, *m_secrets))
    , m_operators(std::make_unique<OperatorStore>(*m_backend))
    , m_audit(std::make_unique<AuditStore>(*m_backend))
    , m_conversations(std::make_unique<ConversationStore>(*m_backend))
    , m_catalog(std::make_unique<CatalogStore>(*m_backend))
    , m_ledger(std::make_unique<LedgerStore>(*m_backend))
    , m_customers(std::make_unique<CustomerStore>(*m_backend))
    , m_knowledge(std::make_unique<KnowledgeStore>(*m_backend))
    , m_channels(std::make_unique<ChannelStore>(*m_backend, *m_secrets))
    , m_inbox(std::make_unique<InboxStore>(*m_backend, m_inboxFile ? *m_inboxFile : *m_backend))
    , m_outbox(std::make_unique<OutboxStore>(*m_backend, *m_conversations))
    , m_agent(std::make_unique<AgentStore>(*m_backend))
    , m_botQueue(std::make_unique<BotQueueStore>(*m_backend))
    , m_media(std::make_unique<MediaStore>(*m_backend))
{}

Store::~Store() = default;

QString Store::describe() const
{
    return m_backend->describe();
}

bool Store::isPostgres() const
{
    return m_backend->dialect() == SqlBackend::Dialect::Postgres;
}

Status Store::tuneForReports()
{
    return sql::guard([&] {
        if (isPostgres()) {
            m_backend->query(QStringLiteral("SET work_mem = '64MB'"), {});
            m_backend->query(QStringLiteral("SET plan_cache_mode = force_custom_plan"), {});
        } else {
            m_backend->query(QStringLiteral("PRAGMA cache_size = -65536"), {});
        }
        return Done{};
    });
}

Status Store::setAutomaticCheckpoints(bool on)
{
    if (isPostgres())
        return success();
    return sql::guard([&] {
        for (SqlBackend *db : {m_backend.get(), m_inboxFile.get()}) {
            if (db)
                db->query(on ? QStringLiteral("PRAGMA wal_autocheckpoint=1000")
                             : QStringLiteral("PRAGMA wal_autocheckpoint=0"),
                          {});
        }
        return Done{};
    });
}

Result<int> Store::sealPlainSecrets()
{
    return sql::transact(*m_backend, [this]() -> Result<int> {
        auto channels = m_channels->sealPlainSecrets();
        if (!channels)
            return channels;
        auto settings = m_tenants->sealPlainSecrets();
        if (!settings)
            return settings;
        return channels.value() + settings.value();
    });
}

Result<SchemaStatus> Store::schemaStatus()
{
    return sql::guard([&] { return Migrator(*m_backend).status(); });
}

Result<QList<Migration>> Store::migrate()
{
    return sql::guard([&] { return Migrator(*m_backend).migrate(); });
}

} // namespace shopdesk
