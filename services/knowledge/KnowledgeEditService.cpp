#include "knowledge/KnowledgeEditService.h"

#include "access/Access.h"
#include "knowledge/DocumentImporter.h"
#include "knowledge/DocumentReader.h"
#include "knowledge/KnowledgeSettings.h"
#include "settings/StoreSettingsService.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

KnowledgeEditService::KnowledgeEditService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

void KnowledgeEditService::saveFaq(qint64 tenantId, qint64 actorId, const QString &sourceName,
                                   const QString &title, const QList<KnowledgeChunk> &chunks,
                                   QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return Access::checked(
                s, tenantId, actorId, Permission::EditKnowledge, QStringLiteral("knowledge.faq"),
                {{QStringLiteral("questions"), int(chunks.size())}}, [&]() -> Status {
                    if (chunks.isEmpty()) { // an emptied FAQ is removed
                        auto docs = s.knowledge().documents(tenantId);
                        if (!docs)
                            return Status::failure(docs);
                        for (const KnowledgeDocument &d : std::as_const(docs.value()))
                            if (d.sourceName == sourceName)
                                return s.knowledge().deleteDocument(tenantId, d.id);
                        return success();
                    }
                    KnowledgeDocument doc;
                    doc.title = title;
                    doc.sourceName = sourceName;
                    doc.mimeType = QStringLiteral("text/csv");
                    return statusOf(s.knowledge().putDocument(tenantId, doc, chunks));
                });
        },
        std::move(done));
}

void KnowledgeEditService::updatePassage(qint64 tenantId, qint64 actorId, qint64 chunkId,
                                         const QString &text, bool enabled, QObject *context,
                                         std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return Access::checked(
                s, tenantId, actorId, Permission::EditKnowledge,
                QStringLiteral("knowledge.passage"),
                {{QStringLiteral("passage"), chunkId}, {QStringLiteral("enabled"), enabled}},
                [&] { return s.knowledge().updateChunk(tenantId, chunkId, text, enabled); });
        },
        std::move(done));
}

void KnowledgeEditService::deleteDocument(qint64 tenantId, qint64 actorId, qint64 documentId,
                                          QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return Access::checked(
                s, tenantId, actorId, Permission::EditKnowledge, QStringLiteral("knowledge.delete"),
                {{QStringLiteral("document"), documentId}},
                [&] { return s.knowledge().deleteDocument(tenantId, documentId); });
        },
        std::move(done));
}

Status KnowledgeEditService::saveSettings(Store &store, qint64 tenantId, qint64 actorId,
                                          const QList<QPair<QString, QString>> &values)
{
    for (const auto &[key, value] : values) {
        if (!key.startsWith(QLatin1String("knowledge.")) && key != KnowledgeSettings::kChatKey &&
            key != KnowledgeSettings::kEmbeddingsKey && key != KnowledgeSettings::kTranscriptionKey)
            return Status::failure(QStringLiteral("%1 is not a knowledge setting.").arg(key),
                                   ErrorKind::Invalid);
    }
    return StoreSettingsService::save(store, tenantId, actorId, values);
}

void KnowledgeEditService::saveSettings(qint64 tenantId, qint64 actorId,
                                        const QList<QPair<QString, QString>> &values,
                                        QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context, [=](Store &s) { return saveSettings(s, tenantId, actorId, values); },
        std::move(done));
}

void KnowledgeEditService::setup(qint64 tenantId, QObject *context,
                                 std::function<void(Result<Setup>)> done)
{
    m_store.run(
        context,
        [tenantId](Store &s) -> Result<Setup> {
            auto synonyms = s.tenants().setting(tenantId, KnowledgeSettings::kSynonymsKey);
            if (!synonyms)
                return Result<Setup>::failure(synonyms);
            return Setup{KnowledgeSettings::load(s, tenantId),
                         DocumentImporter::settingsFor(s, tenantId).chunking, synonyms.value()};
        },
        std::move(done));
}

void KnowledgeEditService::documents(qint64 tenantId, QObject *context,
                                     std::function<void(Result<QList<KnowledgeDocument>>)> done)
{
    m_store.run(
        context, [tenantId](Store &s) { return s.knowledge().documents(tenantId); },
        std::move(done));
}

void KnowledgeEditService::passages(qint64 tenantId, qint64 documentId, QObject *context,
                                    std::function<void(Result<QList<KnowledgeChunk>>)> done)
{
    m_store.run(
        context, [=](Store &s) { return s.knowledge().chunks(tenantId, documentId); },
        std::move(done));
}

void KnowledgeEditService::passagesOf(qint64 tenantId, const QString &sourceName, QObject *context,
                                      std::function<void(Result<QList<KnowledgeChunk>>)> done)
{
    m_store.run(
        context,
        [=](Store &s) -> Result<QList<KnowledgeChunk>> {
            auto docs = s.knowledge().documents(tenantId);
            if (!docs)
                return Result<QList<KnowledgeChunk>>::failure(docs);
            for (const KnowledgeDocument &d : std::as_const(docs.value())) {
                if (d.sourceName == sourceName)
                    return s.knowledge().chunks(tenantId, d.id);
            }
            return QList<KnowledgeChunk>{};
        },
        std::move(done));
}

void KnowledgeEditService::retrievalLog(qint64 tenantId, int limit, QObject *context,
                                        std::function<void(Result<QList<RetrievalLogEntry>>)> done)
{
    m_store.run(
        context, [=](Store &s) { return s.knowledge().retrievalLog(tenantId, limit); },
        std::move(done));
}

void KnowledgeEditService::faq(qint64 tenantId, QObject *context,
                               std::function<void(Result<QList<FaqPair>>)> done)
{
    passagesOf(tenantId, kFaqSource, context,
               [done = std::move(done)](Result<QList<KnowledgeChunk>> chunks) {
                   if (!chunks)
                       return done(Result<QList<FaqPair>>::failure(chunks));
                   QList<FaqPair> pairs;
                   for (const KnowledgeChunk &c : std::as_const(chunks.value()))
                       pairs.append({c.text.section(QLatin1Char('\n'), 0, 0),
                                     c.text.section(QLatin1Char('\n'), 1).trimmed()});
                   done(pairs);
               });
}

void KnowledgeEditService::saveFaqPairs(qint64 tenantId, qint64 actorId,
                                        const QList<FaqPair> &pairs, QObject *context,
                                        std::function<void(Status)> done)
{
    QList<KnowledgeChunk> chunks;
    QStringList problems;
    for (int i = 0; i < pairs.size(); ++i) {
        const QString q = pairs.at(i).question.simplified();
        const QString a = pairs.at(i).answer.trimmed();
        if (q.isEmpty() && a.isEmpty())
            continue; // a row left empty
        auto passage = DocumentReader::faqPassage(kFaqTitle, i + 1, q, a, int(chunks.size()));
        if (passage)
            chunks.append(passage.value());
        else
            problems << passage.error();
    }
    if (!problems.isEmpty()) {
        done(Status::failure(
            tr("The FAQ was not saved: %1.").arg(problems.join(QStringLiteral("; "))),
            ErrorKind::Invalid));
        return;
    }
    saveFaq(tenantId, actorId, kFaqSource, kFaqTitle, chunks, context, std::move(done));
}

} // namespace shopdesk
