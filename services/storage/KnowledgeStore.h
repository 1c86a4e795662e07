#pragma once

#include "core/Result.h"
#include "domain/KnowledgeDocument.h"
#include "domain/RetrievalLogEntry.h"

#include <QObject>

namespace shopdesk {

class SqlBackend;

// The store's documents and their chunks: what the bot may say.
class KnowledgeStore : public QObject
{
    Q_OBJECT
public:
    explicit KnowledgeStore(SqlBackend &db, QObject *parent = nullptr);

    // Adds the document, or replaces the one with the same source name, chunks and all.
    Result<KnowledgeDocument> putDocument(qint64 tenantId, const KnowledgeDocument &document,
                                          const QList<KnowledgeChunk> &chunks);
    // Many documents in one transaction (an evaluation corpus, a bulk import).
    Result<int> putDocuments(qint64 tenantId,
                             const QList<QPair<KnowledgeDocument, QList<KnowledgeChunk>>> &docs);
    Result<QList<KnowledgeDocument>> documents(qint64 tenantId);
    Result<QList<KnowledgeChunk>> chunks(qint64 tenantId, qint64 documentId);
    Status deleteDocument(qint64 tenantId, qint64 documentId);
    // A passage changed by hand: its text, or whether the bot may use it.
    Status updateChunk(qint64 tenantId, qint64 chunkId, const QString &text, bool enabled);

    // Raised by every change above; 0 for a store that never had knowledge.
    Result<qint64> revision(qint64 tenantId);
    // Every enabled passage, for the retrieval index.
    Result<QList<KnowledgePassage>> passages(qint64 tenantId);
    // Passages with no vector from `model` yet (at most `limit`).
    Result<QList<KnowledgePassage>> passagesToEmbed(qint64 tenantId, const QString &model,
                                                    int limit);
    Status setEmbeddings(qint64 tenantId, const QString &model,
                         const QList<QPair<qint64, QByteArray>> &vectors);

    Status logRetrieval(const RetrievalLogEntry &entry);
    Result<QList<RetrievalLogEntry>> retrievalLog(qint64 tenantId, int limit);

Q_SIGNALS:
    void documentsChanged(qint64 tenantId);

private:
    void bumpRevision(qint64 tenantId);
    KnowledgeDocument storeDocument(qint64 tenantId, const KnowledgeDocument &document,
                                    const QList<KnowledgeChunk> &chunks);
    SqlBackend &m_db;
};

} // namespace shopdesk
