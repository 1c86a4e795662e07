#pragma once

#include "core/Result.h"
#include "domain/KnowledgeDocument.h"
#include "domain/RetrievalLogEntry.h"
#include "knowledge/KnowledgeSettings.h"
#include "knowledge/TextChunker.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// The store's knowledge as its editors read and change it, for the console and the remote API:
// documents, passages, the FAQ, settings, synonyms and the retrieval log to read; the FAQ, a
// passage, a document removed, the retrieval settings and synonyms to change. Each change runs
// in one
// transaction that checks the person may (a manager or the owner; the language model's
// endpoints and keys only the owner) and writes an audit entry.
class KnowledgeEditService : public QObject
{
    Q_OBJECT
public:
    explicit KnowledgeEditService(StoreWorker &store, QObject *parent = nullptr);

    // The FAQ the console edits: one document of question/answer passages.
    static inline const QString kFaqSource = QStringLiteral("faq-editor");
    static inline const QString kFaqTitle = QStringLiteral("Frequently asked questions");
    struct FaqPair
    {
        QString question;
        QString answer;
    };
    void faq(qint64 tenantId, QObject *context, std::function<void(Result<QList<FaqPair>>)> done);
    // Saves the FAQ as these pairs (blank ones dropped; a question without an answer or the
    // other way round refused, by its number); none removes it.
    void saveFaqPairs(qint64 tenantId, qint64 actorId, const QList<FaqPair> &pairs,
                      QObject *context, std::function<void(Status)> done);

    // What the knowledge editors show.
    struct Setup
    {
        KnowledgeSettings knowledge;
        TextChunker::Settings chunking;
        QString synonyms; // KnowledgeSettings::kSynonymsKey as written
    };
    void setup(qint64 tenantId, QObject *context, std::function<void(Result<Setup>)> done);
    void documents(qint64 tenantId, QObject *context,
                   std::function<void(Result<QList<KnowledgeDocument>>)> done);
    void passages(qint64 tenantId, qint64 documentId, QObject *context,
                  std::function<void(Result<QList<KnowledgeChunk>>)> done);
    // The passages of the document imported as sourceName (the FAQ's), none when there is none.
    void passagesOf(qint64 tenantId, const QString &sourceName, QObject *context,
                    std::function<void(Result<QList<KnowledgeChunk>>)> done);
    void retrievalLog(qint64 tenantId, int limit, QObject *context,
                      std::function<void(Result<QList<RetrievalLogEntry>>)> done);

    // The FAQ as one document of question/answer passages; an empty list removes it.
    void saveFaq(qint64 tenantId, qint64 actorId, const QString &sourceName, const QString &title,
                 const QList<KnowledgeChunk> &chunks, QObject *context,
                 std::function<void(Status)> done);
    void updatePassage(qint64 tenantId, qint64 actorId, qint64 chunkId, const QString &text,
                       bool enabled, QObject *context, std::function<void(Status)> done);
    void deleteDocument(qint64 tenantId, qint64 actorId, qint64 documentId, QObject *context,
                        std::function<void(Status)> done);
    // Knowledge settings (KnowledgeSettings' keys); the model endpoints need the owner.
    void saveSettings(qint64 tenantId, qint64 actorId, const QList<QPair<QString, QString>> &values,
                      QObject *context, std::function<void(Status)> done);

    static Status saveSettings(Store &store, qint64 tenantId, qint64 actorId,
                               const QList<QPair<QString, QString>> &values);

private:
    StoreWorker &m_store;
};

} // namespace shopdesk
