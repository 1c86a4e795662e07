#include "knowledge/KnowledgeEditService.h"

#include "access/Access.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

namespace {

// f in one transaction after the check; audited as `action` with `detail` when it succeeds.
Status checked(Store &store, qint64 tenantId, qint64 actorId, Permission permission,
               const QString &action, const QJsonObject &detail, const std::function<Status()> &f)
{
    return store.transact([&]() -> Status {
        if (auto allowed = Access::require(store, tenantId, actorId, permission); !allowed)
            return Status::failure(allowed);
        if (auto done = f(); !done)
            return done;
        return store.audit().record(tenantId, actorId, action, detail);
    });
}

} // namespace

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
            return checked(s, tenantId, actorId, Permission::EditKnowledge,
                           QStringLiteral("knowledge.faq"),
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
            return checked(
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
            return checked(s, tenantId, actorId, Permission::EditKnowledge,
                           QStringLiteral("knowledge.delete"),
                           {{QStringLiteral("document"), documentId}},
                           [&] { return s.knowledge().deleteDocument(tenantId, documentId); });
        },
        std::move(done));
}

Status KnowledgeEditService::saveSettings(Store &store, qint64 tenantId, qint64 actorId,
                                          const QList<QPair<QString, QString>> &values)
{
    // Only what changed is written (and audited): a manager saving the threshold does not
    // touch the model's endpoint, which needs the owner.
    auto current = store.tenants().settings(tenantId);
    if (!current)
        return Status::failure(current);
    bool model = false;
    QJsonArray keys;
    QList<QPair<QString, QString>> changed;
    for (const auto &[key, value] : values) {
        if (current->value(key) == value)
            continue;
        changed.append({key, value});
        model =
            model || key == KnowledgeSettings::kChatKey || key == KnowledgeSettings::kEmbeddingsKey;
        keys.append(key);
    }
    if (changed.isEmpty())
        return success();
    return checked(store, tenantId, actorId,
                   model ? Permission::ManageModel : Permission::EditKnowledge,
                   QStringLiteral("settings.change"), {{QStringLiteral("keys"), keys}},
                   [&] { return store.tenants().setSettings(tenantId, changed); });
}

void KnowledgeEditService::saveSettings(qint64 tenantId, qint64 actorId,
                                        const QList<QPair<QString, QString>> &values,
                                        QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context, [=](Store &s) { return saveSettings(s, tenantId, actorId, values); },
        std::move(done));
}

} // namespace shopdesk
