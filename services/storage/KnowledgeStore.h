#pragma once

#include "core/Result.h"
#include "domain/KnowledgeDocument.h"

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
    Result<QList<KnowledgeDocument>> documents(qint64 tenantId);
    Result<QList<KnowledgeChunk>> chunks(qint64 tenantId, qint64 documentId);

Q_SIGNALS:
    void documentsChanged(qint64 tenantId);

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
