#pragma once

#include "core/Result.h"
#include "domain/KnowledgeDocument.h"

#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// What people change in the store's knowledge, for the console and the remote API: the FAQ,
// a passage, a document removed, the retrieval settings and synonyms. Each runs in one
// transaction that checks the person may (a manager or the owner; the language model's
// endpoints and keys only the owner) and writes an audit entry.
class KnowledgeEditService : public QObject
{
    Q_OBJECT
public:
    explicit KnowledgeEditService(StoreWorker &store, QObject *parent = nullptr);

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
