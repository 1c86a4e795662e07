#include "knowledge/KnowledgeSettings.h"

#include "storage/Store.h"

namespace shopdesk {

KnowledgeSettings KnowledgeSettings::load(Store &store, qint64 tenantId)
{
    KnowledgeSettings s;
    const auto read = [&](const QString &key) {
        auto value = store.tenants().setting(tenantId, key);
        return value ? value.value() : QString();
    };
    bool ok = false;
    const double threshold = read(kThresholdKey).toDouble(&ok);
    if (ok)
        s.threshold = std::clamp(threshold, 0.0, 1.0);
    s.synonyms = read(kSynonymsKey);
    s.embeddings = ModelEndpoint::fromJson(read(kEmbeddingsKey));
    s.chat = ModelEndpoint::fromJson(read(kChatKey));
    s.transcription = ModelEndpoint::fromJson(read(kTranscriptionKey));
    return s;
}

} // namespace shopdesk
