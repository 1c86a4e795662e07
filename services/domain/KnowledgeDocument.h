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
