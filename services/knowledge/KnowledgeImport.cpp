#include "knowledge/KnowledgeImport.h"

#include "access/Access.h"
#include "storage/AuditStore.h"

#include "storage/StoreWorker.h"

#include <QFileInfo>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>

#include <atomic>

namespace shopdesk {

struct KnowledgeImport::Shared
{
    std::atomic_bool cancelled{false};
};

KnowledgeImport::KnowledgeImport(StoreWorker &store, qint64 tenantId, QStringList files,
                                 std::optional<DocumentReader::Settings> settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tenantId(tenantId)
    , m_files(std::move(files))
    , m_settings(std::move(settings))
    , m_shared(std::make_shared<Shared>())
{}

KnowledgeImport::~KnowledgeImport()
{
    cancel();
    m_running.waitForFinished();
}

void KnowledgeImport::cancel()
{
    m_shared->cancelled = true;
}

bool KnowledgeImport::isCancelled() const
{
    return m_shared->cancelled;
}

void KnowledgeImport::start()
{
    readAll(true);
}

void KnowledgeImport::preview()
{
    readAll(false);
}

void KnowledgeImport::readAll(bool storeAfter)
{
    if (!m_settings) { // the store's own settings first
        const qint64 tenantId = m_tenantId;
        m_store.run(
            this,
            [tenantId](Store &store) {
                return Result<DocumentReader::Settings>(
                    DocumentImporter::settingsFor(store, tenantId));
            },
            [this, storeAfter](Result<DocumentReader::Settings> settings) {
                m_settings = settings.value();
                readAll(storeAfter);
            });
        return;
    }
    auto promise = std::make_shared<QPromise<void>>();
    m_running = promise->future();
    QPointer<KnowledgeImport> self(this);
    const auto shared = m_shared;
    const QStringList files = m_files;
    const DocumentReader::Settings settings = *m_settings;
    QThreadPool::globalInstance()->start([=] {
        promise->start();
        QList<DocumentImporter::Outcome> failures;
        QList<DocumentReader::Read> reads;
        int lastPercent = -1;
        for (qsizetype i = 0; i < files.size() && !shared->cancelled; ++i) {
            const QString name = QFileInfo(files.at(i)).fileName();
            auto read = DocumentReader::read(files.at(i), settings, [&](double fraction) {
                const int percent = int(100.0 * (double(i) + fraction) / double(files.size()));
                if (percent != lastPercent) {
                    lastPercent = percent;
                    QMetaObject::invokeMethod(
                        self, [self, percent, name] { Q_EMIT self->progress(percent, name); },
                        Qt::QueuedConnection);
                }
                return !shared->cancelled.load();
            });
            if (read)
                reads.append(std::move(read).value());
            else if (!shared->cancelled)
                failures.append(DocumentImporter::rejected(name, read.error()));
        }
        QMetaObject::invokeMethod(
            self,
            [self, failures, reads, storeAfter] {
                if (!self->isCancelled() && !storeAfter) {
                    Q_EMIT self->previewed(failures, reads);
                    return;
                }
                if (self->isCancelled()) {
                    Q_EMIT self->finished({}, true);
                    return;
                }
                const qint64 tenantId = self->m_tenantId;
                const qint64 actor = self->m_actor;
                self->m_store.run(
                    self.data(),
                    [tenantId, actor,
                     reads](Store &store) -> Result<QList<DocumentImporter::Outcome>> {
                        using R = Result<QList<DocumentImporter::Outcome>>;
                        if (auto allowed =
                                Access::require(store, tenantId, actor, Permission::EditKnowledge);
                            !allowed)
                            return R::failure(allowed);
                        QList<DocumentImporter::Outcome> outcomes;
                        for (const DocumentReader::Read &r : reads)
                            outcomes.append(DocumentImporter::store(store, tenantId, r));
                        if (Status audited = store.audit().record(
                                tenantId, actor, QStringLiteral("knowledge.import"),
                                {{QStringLiteral("files"), int(reads.size())}});
                            !audited)
                            return R::failure(audited);
                        return outcomes;
                    },
                    [self, failures](Result<QList<DocumentImporter::Outcome>> stored) {
                        QList<DocumentImporter::Outcome> outcomes = failures;
                        if (stored)
                            outcomes += stored.value();
                        else
                            outcomes.append(DocumentImporter::rejected(QString(), stored.error()));
                        Q_EMIT self->finished(outcomes, false);
                    });
            },
            Qt::QueuedConnection);
        promise->finish();
    });
}

} // namespace shopdesk
