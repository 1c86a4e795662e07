#include "knowledge/KnowledgeIndexer.h"

#include "knowledge/KnowledgeIndex.h"
#include "storage/Store.h"

namespace shopdesk {

Result<int> KnowledgeIndexer::indexTenant(Store &store, KnowledgeIndex &index, qint64 tenantId)
{
    auto documents = store.knowledge().documents(tenantId);
    if (!documents)
        return Result<int>::failure(documents.error());
    QList<IndexedChunk> indexed;
    for (const KnowledgeDocument &d : std::as_const(documents.value())) {
        auto chunks = store.knowledge().chunks(tenantId, d.id);
        if (!chunks)
            return Result<int>::failure(chunks.error());
        for (const KnowledgeChunk &c : std::as_const(chunks.value())) {
            if (c.enabled)
                indexed.append({c.id, tenantId, d.id, d.title, c.heading, c.text});
        }
    }
    if (auto replaced = index.replaceTenant(tenantId, indexed); !replaced)
        return Result<int>::failure(replaced.error());
    return int(indexed.size());
}

} // namespace shopdesk
