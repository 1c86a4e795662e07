#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace shopdesk {

struct KnowledgeChunk
{
    qint64 id = 0;
    qint64 documentId = 0;
    int ordinal = 0;
    QString heading;
    QString text;
    bool enabled = true;
    bool edited = false; // changed by hand in the console
};

// An enabled passage with what retrieval needs: its document's title and, when the store has an
// embeddings endpoint, its vector (raw little-endian float32) and the model that made it.
struct KnowledgePassage
{
    qint64 chunkId = 0;
    qint64 documentId = 0;
    QString title;
    QString heading;
    QString text;
    QByteArray embedding;
    QString embeddingModel;
};

// A document of the store's knowledge: what the bot is allowed to say.
struct KnowledgeDocument
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString title;
    QString sourceName; // file name or "faq"
    QString mimeType;
    QString contentHash;
    QString status = QStringLiteral("indexed");
    int chunkCount = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace shopdesk
