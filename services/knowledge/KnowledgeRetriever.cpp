#include "knowledge/KnowledgeRetriever.h"

#include "knowledge/QueryNormalizer.h"
#include "storage/Store.h"

namespace shopdesk {

KnowledgeRetriever::KnowledgeRetriever() = default;
KnowledgeRetriever::~KnowledgeRetriever() = default;

void KnowledgeRetriever::close()
{
    m_index.reset();
    m_built.clear();
}

Result<bool> KnowledgeRetriever::refresh(Store &store, qint64 tenantId,
                                         const QString &embeddingModel)
{
    using R = Result<bool>;
    if (!m_index) { // opened on first use, on the thread that uses it
        auto index = KnowledgeIndex::open();
        if (!index)
            return R::failure(index.error());
        m_index = std::move(index).value();
        m_built.clear();
    }
    auto revision = store.knowledge().revision(tenantId);
    if (!revision)
        return R::failure(revision.error());
    Built &built = m_built[tenantId];
    if (built.revision == revision.value() && built.model == embeddingModel)
        return false;
    auto passages = store.knowledge().passages(tenantId);
    if (!passages)
        return R::failure(passages.error());
    QList<IndexedChunk> chunks;
    QList<QPair<qint64, QVector<float>>> vectors;
    chunks.reserve(passages->size());
    for (const KnowledgePassage &p : std::as_const(passages.value())) {
        chunks.append({p.chunkId, tenantId, p.documentId, p.title, p.heading, p.text});
        if (!embeddingModel.isEmpty() && p.embeddingModel == embeddingModel) {
            QVector<float> v = VectorIndex::unpack(p.embedding);
            if (!v.isEmpty())
                vectors.append({p.chunkId, std::move(v)});
        }
    }
    if (auto replaced = m_index->replaceTenant(tenantId, chunks); !replaced)
        return R::failure(replaced.error());
    built.vectors = std::make_shared<VectorIndex>();
    built.vectors->build(vectors);
    built.revision = revision.value();
    built.model = embeddingModel;
    return true;
}

int KnowledgeRetriever::vectorCount(qint64 tenantId) const
{
    const auto it = m_built.constFind(tenantId);
    return it == m_built.cend() || !it->vectors ? 0 : it->vectors->size();
}

Result<KnowledgeRetriever::Retrieval>
KnowledgeRetriever::retrieve(Store &store, qint64 tenantId, const QString &question,
                             const QString &synonyms, int limit, const QVector<float> &queryVector,
                             const QString &embeddingModel)
{
    using R = Result<Retrieval>;
    auto refreshed = refresh(store, tenantId, embeddingModel);
    if (!refreshed)
        return R::failure(refreshed.error());
    Retrieval out;
    out.rebuilt = refreshed.value();
    out.query = QueryNormalizer(QueryNormalizer::parseSynonyms(synonyms)).normalize(question);
    QList<QPair<qint64, double>> nearest;
    const Built &built = m_built[tenantId];
    if (!queryVector.isEmpty() && built.vectors)
        nearest = built.vectors->search(queryVector, KnowledgeIndex::kCandidates);
    auto hits = m_index->search(tenantId, out.query, limit, nearest);
    if (!hits)
        return R::failure(hits.error());
    out.hits = std::move(hits).value();
    return out;
}

} // namespace shopdesk
