#pragma once

#include "core/Result.h"
#include "knowledge/KnowledgeIndex.h"

namespace shopdesk {

class Store;

// The retrieval pipeline as the bot runs it, in one call: the store's passages indexed, the
// question transliterated and expanded with the store's synonyms, BM25 and trigram fused.
// (This slice rebuilds an in-memory index per call: fine for a shop's few hundred passages;
// a kept, revision-checked index comes with the rest of the knowledge issue.)
class KnowledgeSearch
{
public:
    static Result<QList<SearchHit>> run(Store &store, qint64 tenantId, const QString &question,
                                        int limit = 5);
};

} // namespace shopdesk
