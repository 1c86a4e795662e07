#pragma once

#include "ai/OpenAiClient.h"
#include "core/Result.h"
#include "knowledge/GroundedAnswer.h"
#include "knowledge/KnowledgeIndex.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace shopdesk {

class KnowledgeRetriever;
class StoreWorker;

// The knowledge pipeline the bot runs for a question, and the console's test panel runs the same
// way: the store's settings; the question's vector when the store has an embeddings endpoint
// (the question masked first); retrieval on the database thread from the node's kept index; the
// extractive answer and its confidence; with a chat endpoint, an answer written by the model
// from the retrieved passages only, sent only if its citations check out; the decision; and a
// line in the retrieval log. Also keeps the store's passages' vectors up to date in the
// background.
class KnowledgeService : public QObject
{
    Q_OBJECT
public:
    KnowledgeService(StoreWorker &store, QNetworkAccessManager &network, QObject *parent = nullptr);
    ~KnowledgeService() override;

    struct Request
    {
        qint64 tenantId = 0;
        QString question;
        QString source = QStringLiteral("live"); // live | test
        qint64 conversationId = 0;
        QStringList names; // masked before the question leaves the machine
        int limit = 5;
        bool useModel = true; // false: the extractive answer only (the bot's model is off)
    };
    struct Reply
    {
        QString query;
        QList<SearchHit> hits;
        GroundedAnswer answer;
        QString answeredBy = QStringLiteral("extractive"); // or "model"
        QString notes; // why a model or vector step was not used, when it was configured
        double latencyMs = 0;
    };
    void ask(const Request &request, QObject *context, std::function<void(Result<Reply>)> done);

    // Computes the missing vectors of a store's passages, 64 at a time, when it has an
    // embeddings endpoint; embeddingStatus says how far it got or why it stopped.
    void embedPending(qint64 tenantId);
    // Closes the node's index on the database thread; the engine calls it before the store
    // closes.
    void shutdown();

Q_SIGNALS:
    void retrievalLogged(qint64 tenantId);
    void embeddingStatus(qint64 tenantId, const QString &text, bool isError);

private:
    void embedBatch(qint64 tenantId, int doneSoFar);

    StoreWorker &m_store;
    OpenAiClient m_ai;
    std::shared_ptr<KnowledgeRetriever> m_retriever; // used on the database thread only
    QSet<qint64> m_embedding;
};

} // namespace shopdesk
