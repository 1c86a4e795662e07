#include "privacy/PrivacyService.h"

#include "access/Access.h"
#include "core/Logging.h"
#include "messaging/MediaFiles.h"
#include "privacy/ZipWriter.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace shopdesk {

using sql::need;

namespace {

// The customer's record with each of their files found on this computer (written from the
// database first in shared mode): entry name in the zip, local path.
struct ExportPlan
{
    CustomerRecord record;
    QList<QPair<QString, QString>> files;
    QStringList missing; // files that are gone (named in the export)
};

Result<ExportPlan> plan(Store &store, const QString &dataDir, qint64 tenantId, qint64 actorId,
                        qint64 contactId)
{
    auto record = CustomerData::collect(store, tenantId, actorId, contactId);
    if (!record)
        return Result<ExportPlan>::failure(record);
    ExportPlan p{record.value(), {}, {}};
    for (const QString &ref : std::as_const(p.record.mediaRefs)) {
        auto local = MediaFiles::localFile(store, dataDir, tenantId, ref);
        if (local)
            p.files.append({QStringLiteral("media/") + QFileInfo(ref).fileName(), local.value()});
        else
            p.missing << ref;
    }
    return p;
}

Status writeZip(const ExportPlan &p, const QString &zipPath)
{
    ZipWriter zip(zipPath);
    if (auto opened = zip.open(); !opened)
        return opened;
    const QJsonObject &s = p.record.sections;
    for (auto it = s.begin(); it != s.end(); ++it) {
        const QJsonDocument doc = it.value().isArray() ? QJsonDocument(it.value().toArray())
                                                       : QJsonDocument(it.value().toObject());
        if (auto added = zip.add(it.key() + QStringLiteral(".json"), doc.toJson()); !added)
            return added;
    }
    QJsonObject about{
        {QStringLiteral("exported_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("files_missing"), QJsonArray::fromStringList(p.missing)}};
    if (auto added = zip.add(QStringLiteral("README.json"), QJsonDocument(about).toJson()); !added)
        return added;
    for (const auto &[name, path] : p.files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        if (auto added = zip.add(name, f.readAll()); !added)
            return added;
    }
    return zip.finish();
}

} // namespace

PrivacyService::PrivacyService(StoreWorker &store, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
{
    connect(&m_retention, &QTimer::timeout, this, [this] { applyRetention(); });
}

PrivacyService::~PrivacyService() = default;

void PrivacyService::contactByPhone(qint64 tenantId, const QString &phone, QObject *context,
                                    std::function<void(Result<qint64>)> done)
{
    m_store.run(
        context,
        [tenantId, phone](Store &s) { return CustomerData::contactByPhone(s, tenantId, phone); },
        std::move(done));
}

void PrivacyService::exportCustomer(qint64 tenantId, qint64 actorId, qint64 contactId,
                                    const QString &zipPath, QObject *context,
                                    std::function<void(Status)> done)
{
    const QString dataDir = m_dataDir;
    m_store.run(
        context, [=](Store &s) { return plan(s, dataDir, tenantId, actorId, contactId); },
        [this, tenantId, actorId, contactId, zipPath, context, done](Result<ExportPlan> p) {
            if (!p) {
                done(Status::failure(p));
                return;
            }
            // The zip is written off the database thread; the audit entry once it is there.
            QPointer<QObject> receiver(context);
            QThreadPool::globalInstance()->start([=, this, p = std::move(p).value()] {
                const Status written = writeZip(p, zipPath);
                QMetaObject::invokeMethod(this, [=, this] {
                    if (!receiver)
                        return;
                    if (!written) {
                        done(written);
                        return;
                    }
                    m_store.run(
                        receiver.data(),
                        [=](Store &s) {
                            return CustomerData::recordExport(s, tenantId, actorId, contactId,
                                                              QFileInfo(zipPath).fileName());
                        },
                        done);
                });
            });
        });
}

void PrivacyService::eraseCustomer(qint64 tenantId, qint64 actorId, qint64 contactId,
                                   QObject *context, std::function<void(Result<Erasure>)> done)
{
    m_store.run(
        context, [=](Store &s) { return CustomerData::erase(s, tenantId, actorId, contactId); },
        [this, tenantId, done](Result<Erasure> e) {
            if (e) {
                removeFiles(m_dataDir, e.value().mediaRefs);
                Q_EMIT customerErased(tenantId, e.value().contactId);
            }
            done(std::move(e));
        });
}

void PrivacyService::retention(qint64 tenantId, QObject *context,
                               std::function<void(Result<Retention>)> done)
{
    m_store.run(
        context,
        [tenantId](Store &s) -> Result<Retention> {
            auto settings = s.tenants().settings(tenantId);
            if (!settings)
                return Result<Retention>::failure(settings);
            return Retention{
                settings->value(QStringLiteral("privacy.trace_retention_days")).toInt(),
                settings->value(QStringLiteral("privacy.retrieval_retention_days")).toInt()};
        },
        std::move(done));
}

void PrivacyService::setRetention(qint64 tenantId, qint64 actorId, Retention r, QObject *context,
                                  std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return s.transact([&]() -> Status {
                if (auto allowed =
                        Access::require(s, tenantId, actorId, Permission::ManageSettings);
                    !allowed)
                    return Status::failure(allowed);
                const QList<QPair<QString, QString>> values{
                    {QStringLiteral("privacy.trace_retention_days"),
                     QString::number(std::max(0, r.traceDays))},
                    {QStringLiteral("privacy.retrieval_retention_days"),
                     QString::number(std::max(0, r.retrievalDays))}};
                if (auto saved = s.tenants().setSettings(tenantId, values); !saved)
                    return saved;
                return s.audit().record(
                    tenantId, actorId, QStringLiteral("settings.change"),
                    QJsonObject{{QStringLiteral("trace_retention_days"), std::max(0, r.traceDays)},
                                {QStringLiteral("retrieval_retention_days"),
                                 std::max(0, r.retrievalDays)}});
            });
        },
        std::move(done));
}

void PrivacyService::startRetention(int checkIntervalMs)
{
    m_retention.start(checkIntervalMs);
}

void PrivacyService::applyRetention(QObject *context, std::function<void(Result<int>)> done)
{
    m_store.run(
        context ? context : this,
        [](Store &s) { return purgeOld(s, QDateTime::currentDateTimeUtc()); },
        [done](Result<int> r) {
            if (!r)
                qCWarning(lcEngine) << "Old traces could not be deleted:" << r.error();
            if (done)
                done(std::move(r));
        });
}

Status PrivacyService::writeExport(Store &store, const QString &dataDir, qint64 tenantId,
                                   qint64 actorId, qint64 contactId, const QString &zipPath)
{
    auto p = plan(store, dataDir, tenantId, actorId, contactId);
    if (!p)
        return Status::failure(p);
    if (auto written = writeZip(p.value(), zipPath); !written)
        return written;
    return CustomerData::recordExport(store, tenantId, actorId, contactId,
                                      QFileInfo(zipPath).fileName());
}

void PrivacyService::removeFiles(const QString &dataDir, const QStringList &refs)
{
    for (const QString &ref : refs) {
        const QString path = QFileInfo(ref).isAbsolute() ? ref : QDir(dataDir).filePath(ref);
        // Only files inside the data folder: a file a person chose elsewhere stays theirs.
        if (QFileInfo(path).absoluteFilePath().startsWith(QDir(dataDir).absolutePath() +
                                                          QLatin1Char('/')))
            QFile::remove(path);
    }
}

Result<int> PrivacyService::purgeOld(Store &store, const QDateTime &now)
{
    constexpr int kRawWebhookDays = 30;
    return sql::guard([&] {
        int total = 0;
        for (const Tenant &t : need(store.tenants().tenants())) {
            const QMap<QString, QString> settings = need(store.tenants().settings(t.id));
            const int traceDays =
                settings.value(QStringLiteral("privacy.trace_retention_days")).toInt();
            const int logDays =
                settings.value(QStringLiteral("privacy.retrieval_retention_days")).toInt();
            if (traceDays <= 0 && logDays <= 0)
                continue;
            int traces = 0;
            int lines = 0;
            sql::transaction(store.backend(), [&] {
                SqlBackend &db = store.backend();
                if (traceDays > 0)
                    traces =
                        db.query(QStringLiteral("DELETE FROM execution_traces WHERE "
                                                "tenant_id = ? AND created_at < ? RETURNING id"),
                                 {t.id, now.addDays(-traceDays).toMSecsSinceEpoch()})
                            .size();
                if (logDays > 0)
                    lines = db.query(QStringLiteral("DELETE FROM retrieval_log WHERE tenant_id = ? "
                                                    "AND at < ? RETURNING id"),
                                     {t.id, now.addDays(-logDays).toMSecsSinceEpoch()})
                                .size();
                if (traces + lines > 0)
                    need(store.audit().record(
                        t.id, 0, QStringLiteral("retention.purge"),
                        QJsonObject{{QStringLiteral("traces"), traces},
                                    {QStringLiteral("retrieval_lines"), lines}}));
            });
            total += traces + lines;
        }
        // The raw webhooks, once processed, are kept a month (for a provider's redeliveries and
        // for support), then go.
        const int webhooks =
            need(store.inbox().pruneProcessed(now.addDays(-kRawWebhookDays).toMSecsSinceEpoch()));
        if (webhooks > 0)
            qCInfo(lcEngine) << "Deleted" << webhooks << "processed webhooks older than"
                             << kRawWebhookDays << "days";
        return total + webhooks;
    });
}

} // namespace shopdesk
