#include "storage/KnowledgeStore.h"

#include "storage/SqlSupport.h"

namespace shopdesk {

using namespace sql;

namespace {

KnowledgePassage passageFrom(const SqlRow &r)
{
    KnowledgePassage p;
    p.chunkId = r[0].toLongLong();
    p.documentId = r[1].toLongLong();
    p.title = r[2].toString();
    p.heading = r[3].toString();
    p.text = r[4].toString();
    p.embedding = QByteArray::fromBase64(r[5].toString().toLatin1());
    p.embeddingModel = r[6].toString();
    return p;
}

const char *const kPassageColumns =
    "SELECT c.id, c.document_id, d.title, c.heading, c.text, c.embedding, c.embedding_model FROM "
    "knowledge_chunks c JOIN knowledge_documents d ON d.tenant_id = c.tenant_id AND d.id = "
    "c.document_id WHERE c.tenant_id = ? AND c.enabled = 1";

} // namespace

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
        return transaction(m_db, [&] { return storeDocument(tenantId, document, chunks); });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT documentsChanged(tenantId); },
                         QStringLiteral("d:%1").arg(tenantId));
    return result;
}

KnowledgeDocument KnowledgeStore::storeDocument(qint64 tenantId, const KnowledgeDocument &document,
                                                const QList<KnowledgeChunk> &chunks)
{
    const qint64 t = now();
    const SqlRows rows = m_db.query(
        QStringLiteral("INSERT INTO knowledge_documents (tenant_id, title, source_name, "
                       "mime_type, content_hash, status, created_at, updated_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, source_name) DO "
                       "UPDATE SET title = excluded.title, mime_type = excluded.mime_type, "
                       "content_hash = excluded.content_hash, status = excluded.status, "
                       "updated_at = excluded.updated_at RETURNING id, created_at"),
        {tenantId, document.title, document.sourceName, document.mimeType, document.contentHash,
         document.status, t, t});
    KnowledgeDocument stored = document;
    stored.id = rows.first()[0].toLongLong();
    stored.tenantId = tenantId;
    stored.createdAt = time(rows.first()[1]);
    stored.updatedAt = time(t);
    stored.chunkCount = int(chunks.size());
    m_db.exec(QStringLiteral("DELETE FROM knowledge_chunks WHERE tenant_id = ? AND "
                             "document_id = ?"),
              {tenantId, stored.id});
    bumpRevision(tenantId);
    int ordinal = 0;
    for (const KnowledgeChunk &c : chunks) {
        m_db.exec(QStringLiteral("INSERT INTO knowledge_chunks (tenant_id, document_id, "
                                 "ordinal, heading, text, enabled, created_at) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?)"),
                  {tenantId, stored.id, ordinal++, c.heading, c.text, c.enabled ? 1 : 0, t});
    }
    return stored;
}

Result<int>
KnowledgeStore::putDocuments(qint64 tenantId,
                             const QList<QPair<KnowledgeDocument, QList<KnowledgeChunk>>> &docs)
{
    for (const auto &d : docs) {
        if (d.first.sourceName.isEmpty())
            return Result<int>::failure(QStringLiteral("A document needs a name."));
    }
    auto result = guard([&] {
        return transaction(m_db, [&] {
            for (const auto &[document, chunks] : docs)
                storeDocument(tenantId, document, chunks);
            return int(docs.size());
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT documentsChanged(tenantId); },
                         QStringLiteral("d:%1").arg(tenantId));
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
            QStringLiteral("SELECT id, document_id, ordinal, heading, text, enabled, edited FROM "
                           "knowledge_chunks WHERE tenant_id = ? AND document_id = ? ORDER BY "
                           "ordinal"),
            {tenantId, documentId});
        for (const SqlRow &r : rows)
            list.append({r[0].toLongLong(), r[1].toLongLong(), r[2].toInt(), r[3].toString(),
                         r[4].toString(), r[5].toInt() != 0, r[6].toInt() != 0});
        return list;
    });
}

void KnowledgeStore::bumpRevision(qint64 tenantId)
{
    m_db.exec(QStringLiteral("INSERT INTO knowledge_revisions (tenant_id, revision) VALUES (?, 1) "
                             "ON CONFLICT (tenant_id) DO UPDATE SET revision = "
                             "knowledge_revisions.revision + 1"),
              {tenantId});
}

Status KnowledgeStore::deleteDocument(qint64 tenantId, qint64 documentId)
{
    auto result = guard([&] {
        return transaction(m_db, [&] {
            const SqlRows rows = m_db.query(
                QStringLiteral("DELETE FROM knowledge_documents WHERE tenant_id = ? AND id = ? "
                               "RETURNING id"),
                {tenantId, documentId});
            if (rows.isEmpty())
                throw NotFound(QStringLiteral("That document is no longer in this store."));
            m_db.exec(QStringLiteral("DELETE FROM knowledge_chunks WHERE tenant_id = ? AND "
                                     "document_id = ?"),
                      {tenantId, documentId});
            bumpRevision(tenantId);
            return Done{};
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT documentsChanged(tenantId); },
                         QStringLiteral("d:%1").arg(tenantId));
    return result;
}

Status KnowledgeStore::updateChunk(qint64 tenantId, qint64 chunkId, const QString &text,
                                   bool enabled)
{
    if (text.trimmed().isEmpty())
        return Status::failure(QStringLiteral("A passage cannot be empty; turn it off instead."));
    auto result = guard([&] {
        return transaction(m_db, [&] {
            const SqlRows rows = m_db.query(
                QStringLiteral("UPDATE knowledge_chunks SET text = ?, enabled = ?, edited = "
                               "CASE WHEN text = ? THEN edited ELSE 1 END, embedding = CASE WHEN "
                               "text = ? THEN embedding ELSE '' END WHERE tenant_id = ? AND id = "
                               "? RETURNING id"),
                {text.trimmed(), enabled ? 1 : 0, text.trimmed(), text.trimmed(), tenantId,
                 chunkId});
            if (rows.isEmpty())
                throw NotFound(QStringLiteral("That passage is no longer in this store."));
            bumpRevision(tenantId);
            return Done{};
        });
    });
    if (result)
        m_db.afterCommit([=, this] { Q_EMIT documentsChanged(tenantId); },
                         QStringLiteral("d:%1").arg(tenantId));
    return result;
}

Result<qint64> KnowledgeStore::revision(qint64 tenantId)
{
    return guard([&] {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT revision FROM knowledge_revisions WHERE tenant_id = ?"),
            {tenantId});
        return rows.isEmpty() ? qint64(0) : rows.first()[0].toLongLong();
    });
}

Result<QList<KnowledgePassage>> KnowledgeStore::passages(qint64 tenantId)
{
    return guard([&] {
        QList<KnowledgePassage> list;
        const SqlRows rows = m_db.query(
            QLatin1String(kPassageColumns) + QStringLiteral(" ORDER BY c.id"), {tenantId});
        list.reserve(rows.size());
        for (const SqlRow &r : rows)
            list.append(passageFrom(r));
        return list;
    });
}

Result<QList<KnowledgePassage>> KnowledgeStore::passagesToEmbed(qint64 tenantId,
                                                                const QString &model, int limit)
{
    return guard([&] {
        QList<KnowledgePassage> list;
        const SqlRows rows = m_db.query(
            QLatin1String(kPassageColumns) +
                QStringLiteral(" AND (c.embedding = '' OR c.embedding_model <> ?) ORDER BY c.id "
                               "LIMIT ?"),
            {tenantId, model, limit});
        for (const SqlRow &r : rows)
            list.append(passageFrom(r));
        return list;
    });
}

Status KnowledgeStore::setEmbeddings(qint64 tenantId, const QString &model,
                                     const QList<QPair<qint64, QByteArray>> &vectors)
{
    return guard([&] {
        return transaction(m_db, [&] {
            for (const auto &[chunkId, vector] : vectors)
                m_db.exec(QStringLiteral("UPDATE knowledge_chunks SET embedding = ?, "
                                         "embedding_model = ? WHERE tenant_id = ? AND id = ?"),
                          {QString::fromLatin1(vector.toBase64()), model, tenantId, chunkId});
            bumpRevision(tenantId);
            return Done{};
        });
    });
}

Status KnowledgeStore::logRetrieval(const RetrievalLogEntry &e)
{
    return guard([&] {
        m_db.exec(QStringLiteral("INSERT INTO retrieval_log (tenant_id, at, source, "
                                 "conversation_id, question, query, hits, answer, confidence, "
                                 "escalated, reason, answered_by, latency_ms) VALUES (?, ?, ?, ?, "
                                 "?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {e.tenantId, e.at.isValid() ? ms(e.at) : QVariant(now()), e.source,
                   nullableId(e.conversationId), e.question, e.query, e.hits, e.answer,
                   e.confidence, e.escalated ? 1 : 0, e.reason, e.answeredBy, e.latencyMs});
        return Done{};
    });
}

Result<QList<RetrievalLogEntry>> KnowledgeStore::retrievalLog(qint64 tenantId, int limit)
{
    return guard([&] {
        QList<RetrievalLogEntry> list;
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT id, at, source, conversation_id, question, query, hits, "
                           "answer, confidence, escalated, reason, answered_by, latency_ms FROM "
                           "retrieval_log WHERE tenant_id = ? ORDER BY id DESC LIMIT ?"),
            {tenantId, limit});
        for (const SqlRow &r : rows) {
            RetrievalLogEntry e;
            e.id = r[0].toLongLong();
            e.tenantId = tenantId;
            e.at = time(r[1]);
            e.source = r[2].toString();
            e.conversationId = r[3].toLongLong();
            e.question = r[4].toString();
            e.query = r[5].toString();
            e.hits = r[6].toString();
            e.answer = r[7].toString();
            e.confidence = r[8].toDouble();
            e.escalated = r[9].toInt() != 0;
            e.reason = r[10].toString();
            e.answeredBy = r[11].toString();
            e.latencyMs = r[12].toDouble();
            list.append(e);
        }
        return list;
    });
}

} // namespace shopdesk
