#include "knowledge/KnowledgeSearch.h"

#include "knowledge/KnowledgeIndexer.h"
#include "knowledge/QueryNormalizer.h"
#include "storage/Store.h"

namespace shopdesk {

Result<QList<SearchHit>> KnowledgeSearch::run(Store &store, qint64 tenantId,
                                              const QString &question, int limit)
{
    using R = Result<QList<SearchHit>>;
    auto index = KnowledgeIndex::open();
    if (!index)
        return R::failure(index.error());
    if (auto indexed = KnowledgeIndexer::indexTenant(store, *index.value(), tenantId); !indexed)
        return R::failure(indexed.error());
    auto synonyms = store.tenants().setting(tenantId, QStringLiteral("knowledge.synonyms"));
    const QueryNormalizer normalizer(
        QueryNormalizer::parseSynonyms(synonyms ? synonyms.value() : QString()));
    return index.value()->search(tenantId, normalizer.normalize(question), limit);
}

} // namespace shopdesk
