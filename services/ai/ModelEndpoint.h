#pragma once

#include <QString>
#include <QUrl>

namespace shopdesk {

// An OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp server, vLLM): base URL, model, key.
// Stored per store as a JSON setting; the key is never logged or shown after it is saved.
struct ModelEndpoint
{
    QString baseUrl; // e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1
    QString model;
    QString apiKey;
    int timeoutMs = 10000;

    bool configured() const { return !baseUrl.trimmed().isEmpty() && !model.trimmed().isEmpty(); }
    // base + "/embeddings" or "/chat/completions"; "/v1" is added when the base has no path.
    QUrl url(const QString &operation) const;

    static ModelEndpoint fromJson(const QString &json);
    QString toJson() const;
};

} // namespace shopdesk
