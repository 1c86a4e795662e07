#pragma once

#include "core/Result.h"

namespace shopdesk {

class KnowledgeIndex;
class Store;

// Fills the retrieval index from a store's knowledge tables (enabled chunks only).
class KnowledgeIndexer
{
public:
    // The number of chunks indexed.
    static Result<int> indexTenant(Store &store, KnowledgeIndex &index, qint64 tenantId);
};

} // namespace shopdesk
