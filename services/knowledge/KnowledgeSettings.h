#pragma once

#include "ai/ModelEndpoint.h"

namespace shopdesk {

class Store;

// A store's knowledge settings, read from its settings table: the confidence below which the bot
// hands over, the synonyms applied to questions, and the optional model endpoints.
struct KnowledgeSettings
{
    static constexpr double kDefaultThreshold = 0.6;
    static inline const QString kThresholdKey = QStringLiteral("knowledge.threshold");
    static inline const QString kSynonymsKey = QStringLiteral("knowledge.synonyms");
    static inline const QString kChunkingKey = QStringLiteral("knowledge.chunking");
    static inline const QString kEmbeddingsKey = QStringLiteral("ai.embeddings");
    static inline const QString kChatKey = QStringLiteral("ai.chat");
    // Voice notes: an OpenAI-compatible /audio/transcriptions endpoint.
    static inline const QString kTranscriptionKey = QStringLiteral("ai.transcription");

    double threshold = kDefaultThreshold;
    QString synonyms;
    ModelEndpoint embeddings;
    ModelEndpoint chat;
    ModelEndpoint transcription;

    static KnowledgeSettings load(Store &store, qint64 tenantId);
};

} // namespace shopdesk
