#include "knowledge/KnowledgeService.h"

#include "core/ThreadHop.h"

#include "ai/PersonalDataMask.h"
#include "core/Logging.h"
#include "knowledge/KnowledgeRetriever.h"
#include "knowledge/KnowledgeSettings.h"
#include "knowledge/ModelAnswer.h"
#include "knowledge/QueryNormalizer.h"
#include "knowledge/VectorIndex.h"
#include "storage/StoreWorker.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace shopdesk {

namespace {

constexpr int kEmbedBatch = 64;

QString hitsJson(const QList<SearchHit> &hits)
{
    QJsonArray array;
    for (const SearchHit &h : hits)
        array.append(
            QJsonObject{{QStringLiteral("chunk"), h.chunk.chunkId},
                        {QStringLiteral("heading"), h.chunk.heading},
                        {QStringLiteral("score"), h.score},
                        {QStringLiteral("signals"), QJsonArray::fromStringList(h.signalNames())}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// Everything one question carries through the asynchronous steps.
struct Ask
{
    KnowledgeService::Request request;
    KnowledgeSettings settings;
    KnowledgeService::Reply reply;
    QVector<float> vector;
    QElapsedTimer clock;
    std::function<void(Result<KnowledgeService::Reply>)> done;
    QPointer<QObject> context;
};

} // namespace

KnowledgeService::KnowledgeService(StoreWorker &store, QNetworkAccessManager &network,
                                   QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_ai(network)
    , m_retriever(std::make_shared<KnowledgeRetriever>())
{
    m_ai.setParent(this); // moves with the service to the engine's thread (the console)
}

KnowledgeService::~KnowledgeService() = default;

void KnowledgeService::ask(const Request &request, QObject *context,
                           std::function<void(Result<Reply>)> done)
{
    if (QThread::currentThread() != thread()) {
        // The console's Knowledge pane: the question is answered on this service's thread and
        // the answer comes back on the pane's.
        auto reply = deliverTo(context, std::move(done));
        QMetaObject::invokeMethod(this, [this, request, reply] { ask(request, this, reply); });
        return;
    }
    auto state = std::make_shared<Ask>();
    state->request = request;
    state->done = std::move(done);
    state->context = context;
    state->clock.start();
    const auto fail = [state](const QString &error) {
        if (state->context)
            state->done(Result<Reply>::failure(error));
    };
    const auto finish = [this, state] {
        Reply &r = state->reply;
        r.latencyMs = double(state->clock.nsecsElapsed()) / 1e6;
        RetrievalLogEntry e;
        e.tenantId = state->request.tenantId;
        e.source = state->request.source;
        e.conversationId = state->request.conversationId;
        e.question = state->request.question;
        e.query = r.query;
        e.hits = hitsJson(r.hits);
        e.answer = r.answer.text;
        e.confidence = r.answer.confidence;
        e.escalated = r.answer.escalate;
        e.reason = r.answer.reason;
        e.answeredBy = r.answeredBy;
        e.latencyMs = r.latencyMs;
        const qint64 tenantId = e.tenantId;
        m_store.run(
            this, [e](Store &store) { return store.knowledge().logRetrieval(e); },
            [this, tenantId](Status logged) {
                if (!logged)
                    qCWarning(lcKnowledge) << "retrieval log:" << logged.error();
                else
                    Q_EMIT retrievalLogged(tenantId);
            });
        if (state->context)
            state->done(std::move(r));
    };
    // Step 4: a model's answer from the passages, kept only if its citations check out.
    const auto compose = [this, state, finish] {
        Reply &r = state->reply;
        const QString question = QueryNormalizer::transliterate(state->request.question);
        r.answer = GroundedAnswer::from(question, r.hits, state->settings.threshold,
                                        QueryNormalizer::parseSynonyms(state->settings.synonyms));
        if (!state->request.useModel || !state->settings.chat.configured() || r.hits.isEmpty() ||
            r.answer.escalate)
            return finish();
        const QList<SearchHit> given = r.hits.mid(0, 5);
        m_ai.chat(state->settings.chat,
                  ModelAnswer::prompt(
                      PersonalDataMask::mask(state->request.question, state->request.names), given),
                  {}, [state, given, finish](Result<QJsonObject> message) {
                      Reply &r = state->reply;
                      if (!message) {
                          r.notes = QStringLiteral("Model not used: %1").arg(message.error());
                          return finish();
                      }
                      const auto checked = ModelAnswer::check(
                          message->value(QStringLiteral("content")).toString(), int(given.size()));
                      if (checked.declined) {
                          r.answer.escalate = true;
                          r.answer.text.clear();
                          r.answer.reason = QStringLiteral("The language model found no answer in "
                                                           "the passages: a person should answer.");
                          r.answeredBy = QStringLiteral("model");
                      } else if (!checked.accepted) {
                          r.notes = QStringLiteral("Model answer not sent: %1; the extractive "
                                                   "answer is used.")
                                        .arg(checked.problem);
                      } else {
                          QStringList sources;
                          for (int n : checked.cited)
                              sources << given.at(n - 1).chunk.heading;
                          r.answer.text = checked.text;
                          r.answer.source = sources.join(QStringLiteral("; "));
                          r.answer.chunkId = given.at(checked.cited.first() - 1).chunk.chunkId;
                          r.answer.reason = QStringLiteral("Written by the language model from "
                                                           "\"%1\" (confidence %2).")
                                                .arg(r.answer.source)
                                                .arg(r.answer.confidence, 0, 'f', 2);
                          r.answeredBy = QStringLiteral("model");
                      }
                      finish();
                  });
    };
    // Step 3: retrieval on the database thread, from the node's kept index.
    const auto retrieve = [this, state, fail, compose] {
        const auto retriever = m_retriever;
        const Request request = state->request;
        const QString synonyms = state->settings.synonyms;
        const QString model =
            state->settings.embeddings.configured() ? state->settings.embeddings.model : QString();
        const QVector<float> vector = state->vector;
        m_store.run(
            this,
            [=](Store &store) {
                return retriever->retrieve(store, request.tenantId, request.question, synonyms,
                                           request.limit, vector, model);
            },
            [state, fail, compose](Result<KnowledgeRetriever::Retrieval> retrieval) {
                if (!retrieval)
                    return fail(retrieval.error());
                state->reply.query = retrieval->query;
                state->reply.hits = retrieval->hits;
                compose();
            });
    };
    // Steps 1 and 2: the store's settings, then the question's vector if it has an endpoint.
    const qint64 tenantId = request.tenantId;
    m_store.run(
        this,
        [tenantId](Store &store) {
            return Result<KnowledgeSettings>(KnowledgeSettings::load(store, tenantId));
        },
        [this, state, retrieve](Result<KnowledgeSettings> settings) {
            state->settings = settings.value();
            if (!state->settings.embeddings.configured())
                return retrieve();
            m_ai.embed(state->settings.embeddings,
                       {PersonalDataMask::mask(state->request.question, state->request.names)},
                       [state, retrieve](Result<OpenAiClient::Vectors> vectors) {
                           if (vectors)
                               state->vector = vectors->first();
                           else
                               state->reply.notes =
                                   QStringLiteral("Vectors not used: %1").arg(vectors.error());
                           retrieve();
                       });
        });
}

void KnowledgeService::shutdown()
{
    const auto retriever = m_retriever;
    m_store.run(
        this,
        [retriever](Store &) {
            retriever->close();
            return success();
        },
        [](Status) {});
}

void KnowledgeService::embedPending(qint64 tenantId)
{
    if (m_embedding.contains(tenantId))
        return;
    m_embedding.insert(tenantId);
    embedBatch(tenantId, 0);
}

void KnowledgeService::embedBatch(qint64 tenantId, int doneSoFar)
{
    using Pending = std::pair<ModelEndpoint, QList<KnowledgePassage>>;
    m_store.run(
        this,
        [tenantId](Store &store) -> Result<Pending> {
            const KnowledgeSettings settings = KnowledgeSettings::load(store, tenantId);
            if (!settings.embeddings.configured())
                return Pending{};
            auto passages =
                store.knowledge().passagesToEmbed(tenantId, settings.embeddings.model, kEmbedBatch);
            if (!passages)
                return Result<Pending>::failure(passages.error());
            return Pending{settings.embeddings, passages.value()};
        },
        [this, tenantId, doneSoFar](Result<Pending> pending) {
            const auto stop = [&](const QString &text, bool error) {
                m_embedding.remove(tenantId);
                Q_EMIT embeddingStatus(tenantId, text, error);
            };
            if (!pending)
                return stop(pending.error(), true);
            const auto &[endpoint, passages] = pending.value();
            if (passages.isEmpty())
                return stop(
                    endpoint.configured()
                        ? QStringLiteral("Vectors up to date (%1 computed now).").arg(doneSoFar)
                        : QString(),
                    false);
            QStringList texts;
            for (const KnowledgePassage &p : passages)
                texts << p.heading + QLatin1Char('\n') + p.text;
            m_ai.embed(
                endpoint, texts,
                [this, tenantId, doneSoFar, model = endpoint.model,
                 passages](Result<OpenAiClient::Vectors> vectors) {
                    if (!vectors) {
                        m_embedding.remove(tenantId);
                        Q_EMIT embeddingStatus(tenantId,
                                               QStringLiteral("Vectors stopped after %1: %2")
                                                   .arg(doneSoFar)
                                                   .arg(vectors.error()),
                                               true);
                        return;
                    }
                    QList<QPair<qint64, QByteArray>> packed;
                    for (qsizetype i = 0; i < passages.size(); ++i)
                        packed.append({passages.at(i).chunkId, VectorIndex::pack(vectors->at(i))});
                    const int done = doneSoFar + int(packed.size());
                    m_store.run(
                        this,
                        [tenantId, model, packed](Store &store) {
                            return store.knowledge().setEmbeddings(tenantId, model, packed);
                        },
                        [this, tenantId, done](Status stored) {
                            if (!stored) {
                                m_embedding.remove(tenantId);
                                Q_EMIT embeddingStatus(tenantId, stored.error(), true);
                                return;
                            }
                            Q_EMIT embeddingStatus(
                                tenantId, QStringLiteral("Computing vectors: %1 done…").arg(done),
                                false);
                            embedBatch(tenantId, done);
                        });
                });
        });
}

} // namespace shopdesk
