#pragma once

#include "core/Result.h"
#include "storage/AgentStore.h"
#include "storage/AuditStore.h"
#include "storage/BotQueueStore.h"
#include "storage/CatalogStore.h"
#include "storage/ChannelStore.h"
#include "storage/ConversationStore.h"
#include "storage/CustomerStore.h"
#include "storage/DatabaseUrl.h"
#include "storage/InboxStore.h"
#include "storage/KnowledgeStore.h"
#include "storage/LedgerStore.h"
#include "storage/MediaStore.h"
#include "storage/Migrator.h"
#include "storage/OperatorStore.h"
#include "storage/OutboxStore.h"
#include "storage/SecretBox.h"
#include "storage/SqlSupport.h"
#include "storage/TenantStore.h"

#include <memory>

namespace shopdesk {

class SqlBackend;

// The storage interface of the engine: one connection (SQLite or PostgreSQL) and the stores
// that own each kind of fact; on SQLite a second connection, to the webhooks' inbox file beside
// the database (InboxStore). Used on the thread that opened it.
class Store
{
public:
    // Connects, and brings the schema up to date unless told not to.
    static Result<std::unique_ptr<Store>> open(const DatabaseUrl &url, bool migrate = true);
    // inboxFile: where the inbox's events live when not in `backend` (SQLite).
    explicit Store(std::unique_ptr<SqlBackend> backend,
                   std::unique_ptr<SqlBackend> inboxFile = nullptr);
    // The inbox file of the SQLite database at this path: the same name with "-inbox".
    static QString inboxFilePath(const QString &sqlitePath);
    ~Store();

    QString describe() const;
    bool isPostgres() const;

    // SQLite: whether this connection copies the write-ahead log back into the file itself
    // (on by default; the engine leaves it to a SqliteCheckpointer). Nothing on PostgreSQL.
    Status setAutomaticCheckpoints(bool on);
    // A connection for reports (long reads over many rows): more memory for sorting and
    // grouping (PostgreSQL work_mem 64 MB; SQLite a 64 MB page cache), and on PostgreSQL a plan
    // made for each report's own dates rather than a generic one.
    Status tuneForReports();

    // The key that seals channel tokens and model keys (SecretBox); none: kept as given.
    void setSecretBox(const SecretBox &box) { *m_secrets = box; }
    const SecretBox &secrets() const { return *m_secrets; }
    // Seals every secret still in plain text (saved before keys existed); how many rows.
    Result<int> sealPlainSecrets();

    Result<SchemaStatus> schemaStatus();
    Result<QList<Migration>> migrate();

    TenantStore &tenants() { return *m_tenants; }
    OperatorStore &operators() { return *m_operators; }
    AuditStore &audit() { return *m_audit; }
    ConversationStore &conversations() { return *m_conversations; }
    CatalogStore &catalog() { return *m_catalog; }
    LedgerStore &ledger() { return *m_ledger; }
    CustomerStore &customers() { return *m_customers; }
    KnowledgeStore &knowledge() { return *m_knowledge; }
    ChannelStore &channels() { return *m_channels; }
    InboxStore &inbox() { return *m_inbox; }
    OutboxStore &outbox() { return *m_outbox; }
    AgentStore &agent() { return *m_agent; }
    BotQueueStore &botQueue() { return *m_botQueue; }
    MediaStore &media() { return *m_media; }

    // Runs f (returning a Result) in one transaction: a failed Result or a database error rolls
    // it back and comes back as the failure, with its kind; signals go out after the commit.
    template<typename F> auto transact(F &&f) -> decltype(f())
    {
        return sql::transact(*m_backend, std::forward<F>(f));
    }

    // Raw access for tests and benchmarks only.
    SqlBackend &backend() { return *m_backend; }
    SqlBackend &inboxBackend() { return m_inboxFile ? *m_inboxFile : *m_backend; }

private:
    std::unique_ptr<SqlBackend> m_backend;
    std::unique_ptr<SqlBackend> m_inboxFile;
    std::unique_ptr<SecretBox> m_secrets; // before the stores that read it
    std::unique_ptr<TenantStore> m_tenants;
    std::unique_ptr<OperatorStore> m_operators;
    std::unique_ptr<AuditStore> m_audit;
    std::unique_ptr<ConversationStore> m_conversations;
    std::unique_ptr<CatalogStore> m_catalog;
    std::unique_ptr<LedgerStore> m_ledger;
    std::unique_ptr<CustomerStore> m_customers;
    std::unique_ptr<KnowledgeStore> m_knowledge;
    std::unique_ptr<ChannelStore> m_channels;
    std::unique_ptr<InboxStore> m_inbox;
    std::unique_ptr<OutboxStore> m_outbox;
    std::unique_ptr<AgentStore> m_agent;
    std::unique_ptr<BotQueueStore> m_botQueue;
    std::unique_ptr<MediaStore> m_media;
};

} // namespace shopdesk
