#pragma once

#include "core/Result.h"
#include "knowledge/KnowledgeIndex.h"
#include "knowledge/VectorIndex.h"

#include <QHash>
#include <QVector>

#include <memory>

namespace shopdesk {

class Store;

// The retrieval the bot runs, kept per engine node: one FTS5 index (and one vector index per
// store) built from the store's knowledge and rebuilt only when the store's knowledge revision
// moves, so every node answers from the same knowledge without sharing an index. A question is
// transliterated and expanded with the store's synonyms, then BM25, trigram and (given a query
// vector) nearest-vector rankings are fused. Lives on the database thread.
class KnowledgeRetriever
{
public:
    struct Retrieval
    {
        QString query; // after transliteration and synonyms
        QList<SearchHit> hits;
        bool rebuilt = false; // the index was refreshed for this call
    };

    KnowledgeRetriever();
    ~KnowledgeRetriever();

    // embeddingModel: vectors made by this model are used (empty: none).
    Result<Retrieval> retrieve(Store &store, qint64 tenantId, const QString &question,
                               const QString &synonyms, int limit = 5,
                               const QVector<float> &queryVector = {},
                               const QString &embeddingModel = QString());
    // Brings the store's part of the index up to its revision; true if it was rebuilt.
    Result<bool> refresh(Store &store, qint64 tenantId, const QString &embeddingModel);
    int vectorCount(qint64 tenantId) const;
    // Drops the index; call it on the thread that used it (the index opens again when needed).
    void close();

private:
    struct Built
    {
        qint64 revision = -1;
        QString model;
        std::shared_ptr<VectorIndex> vectors;
    };
    std::unique_ptr<KnowledgeIndex> m_index;
    QHash<qint64, Built> m_built;
};

} // namespace shopdesk
