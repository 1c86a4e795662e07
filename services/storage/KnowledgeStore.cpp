#include "storage/KnowledgeStore.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

KnowledgeStore::KnowledgeStore(SqlBackend &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{}

Result<KnowledgeDocument> KnowledgeStore::putDocument(qint64 tenantId,
                                                      const KnowledgeDocument &document,
                                                      const QList<KnowledgeChunk> &chunks)
{
    if (document.sourceName.isEmpty())
        return Result<KnowledgeDocument>::failure(QStringLiteral("A document needs a name."));
    auto result = guard([&] {
        return transaction(m_db, [&] {
            const qint64 t = now();
            const SqlRows rows = m_db.query(
                QStringLiteral("INSERT INTO knowledge_documents (tenant_id, title, source_name, "
                               "mime_type, content_hash, status, created_at, updated_at) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, source_name) DO "
                               "UPDATE SET title = excluded.title, mime_type = excluded.mime_type, "
                               "content_hash = excluded.content_hash, status = excluded.status, "
                               "updated_at = excluded.updated_at RETURNING id, created_at"),
                {tenantId, document.title, document.sourceName, document.mimeType,
                 document.contentHash, document.status, t, t});
            KnowledgeDocument stored = document;
            stored.id = rows.first()[0].toLongLong();
            stored.tenantId = tenantId;
            stored.createdAt = time(rows.first()[1]);
            stored.updatedAt = time(t);
            stored.chunkCount = int(chunks.size());
            m_db.exec(QStringLiteral("DELETE FROM knowledge_chunks WHERE tenant_id = ? AND "
                                     "document_id = ?"),
                      {tenantId, stored.id});
            int ordinal = 0;
            for (const KnowledgeChunk &c : chunks) {
                m_db.exec(
                    QStringLiteral("INSERT INTO knowledge_chunks (tenant_id, document_id, "
                                   "ordinal, heading, text, enabled, created_at) VALUES "
                                   "(?, ?, ?, ?, ?, ?, ?)"),
                    {tenantId, stored.id, ordinal++, c.heading, c.text, c.enabled ? 1 : 0, t});
            }
            return stored;
        });
    });
    if (result)
        Q_EMIT documentsChanged(tenantId);
    return result;
}

Result<QList<KnowledgeDocument>> KnowledgeStore::documents(qint64 tenantId)
{
    return guard([&] {
        QList<KnowledgeDocument> list;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT d.id, d.title, d.source_name, d.mime_type, d.content_hash, "
                           "d.status, d.created_at, d.updated_at, (SELECT COUNT(*) FROM "
                           "knowledge_chunks c WHERE c.tenant_id = d.tenant_id AND "
                           "c.document_id = d.id) FROM knowledge_documents d WHERE "
                           "d.tenant_id = ? ORDER BY d.title, d.id"),
            {tenantId});
        for (const SqlRow &r : rows) {
            KnowledgeDocument d;
            d.id = r[0].toLongLong();
            d.tenantId = tenantId;
            d.title = r[1].toString();
            d.sourceName = r[2].toString();
            d.mimeType = r[3].toString();
            d.contentHash = r[4].toString();
            d.status = r[5].toString();
            d.createdAt = time(r[6]);
            d.updatedAt = time(r[7]);
            d.chunkCount = r[8].toInt();
            list.append(d);
        }
        return list;
    });
}

Result<QList<KnowledgeChunk>> KnowledgeStore::chunks(qint64 tenantId, qint64 documentId)
{
    return guard([&] {
        QList<KnowledgeChunk> list;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT id, document_id, ordinal, heading, text, enabled FROM "
                           "knowledge_chunks WHERE tenant_id = ? AND document_id = ? ORDER BY "
                           "ordinal"),
            {tenantId, documentId});
        for (const SqlRow &r : rows)
            list.append({r[0].toLongLong(), r[1].toLongLong(), r[2].toInt(), r[3].toString(),
                         r[4].toString(), r[5].toInt() != 0});
        return list;
    });
}

} // namespace shopdesk
