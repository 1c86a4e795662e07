#include "messaging/MediaDownloader.h"

#include "core/Logging.h"
#include "messaging/OutboxSender.h"
#include "storage/StoreWorker.h"

#include <QDir>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QTimer>

namespace shopdesk {

namespace {

struct Kept
{
    QString path; // relative to the data folder
    QString mime;
};

// Checks the file's real type against what the provider announced and writes it under
// <data dir>/media/<store>/. Returns why not, or "" with the relative path and type.
QString saveMedia(const MediaJob &job, const QByteArray &data, const QString &announcedMime,
                  const QString &dataDir, QString *relative, QString *mime)
{
    if (data.isEmpty())
        return QStringLiteral("The provider sent an empty file.");
    const QMimeDatabase mimes;
    const QMimeType sniffed = mimes.mimeTypeForData(data);
    *mime = (sniffed.isDefault() || sniffed.name() == QLatin1String("text/plain"))
                ? announcedMime.section(QLatin1Char(';'), 0, 0).trimmed()
                : sniffed.name();
    if (!MediaDownloader::typeMatches(job.type, *mime))
        return QStringLiteral("The file is not the %1 WhatsApp said it was (it is %2).")
            .arg(job.type, mime->isEmpty() ? QStringLiteral("unknown") : *mime);
    const QString relativeDir = QStringLiteral("media/%1").arg(job.tenantId);
    QString suffix = mimes.mimeTypeForName(*mime).preferredSuffix();
    if (suffix.isEmpty())
        suffix = QStringLiteral("bin");
    *relative = QStringLiteral("%1/%2.%3").arg(relativeDir).arg(job.messageId).arg(suffix);
    QDir().mkpath(QDir(dataDir).filePath(relativeDir));
    QSaveFile file(QDir(dataDir).filePath(*relative));
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return QStringLiteral("Cannot save the file in %1: %2").arg(dataDir, file.errorString());
    return {};
}

} // namespace

MediaDownloader::MediaDownloader(StoreWorker &store, OutboxSender &clients, QString dataDir,
                                 QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clients(clients)
    , m_dataDir(std::move(dataDir))
{}

bool MediaDownloader::typeMatches(const QString &type, const QString &mime)
{
    const QString major = mime.section(QLatin1Char('/'), 0, 0).trimmed().toLower();
    if (type == QLatin1String("image") || type == QLatin1String("sticker"))
        return major == QLatin1String("image");
    if (type == QLatin1String("audio") || type == QLatin1String("voice"))
        return major == QLatin1String("audio") || mime.startsWith(QLatin1String("application/ogg"));
    if (type == QLatin1String("video"))
        return major == QLatin1String("video");
    return true; // documents: any type
}

void MediaDownloader::fetch(const QList<MediaJob> &jobs)
{
    for (const MediaJob &job : jobs) {
        ++m_inFlight;
        attempt(job, 1);
    }
}

void MediaDownloader::attempt(const MediaJob &job, int attemptNumber)
{
    if (!job.inlineData.isEmpty()) {
        store(job, job.inlineData, job.mime, attemptNumber);
        return;
    }
    ProviderClient *client = m_clients.client(job.channelId);
    if (!client) {
        fail(job, QStringLiteral("The channel this file came from is switched off."));
        return;
    }
    const qint64 maxBytes = client->config().mediaMaxBytes();
    client->fetchMedia(job, maxBytes, [this, job, attemptNumber](Result<FetchedMedia> result) {
        if (result) {
            store(job, result->data, result->mime.isEmpty() ? job.mime : result->mime,
                  attemptNumber);
            return;
        }
        const bool permanent = result.errorKind() == ErrorKind::Invalid;
        if (permanent || attemptNumber >= m_maxAttempts) {
            fail(job, result.error());
            return;
        }
        const int delay = m_retryBaseMs * (1 << (2 * (attemptNumber - 1))); // 1x, 4x, 16x
        qCInfo(lcNet) << "Media for message" << job.messageId << "failed, retrying in" << delay
                      << "ms:" << result.error();
        QTimer::singleShot(delay, this,
                           [this, job, attemptNumber] { attempt(job, attemptNumber + 1); });
    });
}

void MediaDownloader::store(const MediaJob &job, const QByteArray &data,
                            const QString &announcedMime, int)
{
    // Checking and writing the file happen in the store job, on the database thread: a 25 MB
    // video never stalls the console's UI thread.
    m_store.run(
        this,
        [job, data, announcedMime, dataDir = m_dataDir](Store &s) -> Result<Kept> {
            QString relative;
            QString mime;
            const QString problem = saveMedia(job, data, announcedMime, dataDir, &relative, &mime);
            const bool ok = problem.isEmpty();
            if (ok && s.isPostgres()) { // shared mode: every computer of the store can open it
                const Status shared = s.media().put(job.tenantId, relative, mime, data);
                if (!shared)
                    qCWarning(lcNet).noquote() << "Media for message" << job.messageId
                                               << "kept on this computer only:" << shared.error();
            }
            auto updated =
                s.conversations().setMedia(job.tenantId, job.messageId,
                                           ok ? QStringLiteral("ready") : QStringLiteral("failed"),
                                           ok ? relative : problem, ok ? mime : QString());
            if (!updated)
                return Result<Kept>::failure(updated.error());
            if (!ok)
                return Result<Kept>::failure(problem);
            return Kept{relative, mime};
        },
        [this, job](Result<Kept> r) {
            --m_inFlight;
            if (!r)
                qCWarning(lcNet) << "Media for message" << job.messageId
                                 << "not kept:" << r.error();
            else
                Q_EMIT kept(job, r->path, r->mime);
            Q_EMIT finished(job.messageId, r.ok(), r ? r->path : r.error());
        });
}

void MediaDownloader::fail(const MediaJob &job, const QString &reason)
{
    qCWarning(lcNet) << "Media for message" << job.messageId << "not fetched:" << reason;
    const qint64 tenant = job.tenantId;
    const qint64 messageId = job.messageId;
    m_store.run(
        this,
        [tenant, messageId, reason](Store &s) {
            // The reason goes where the file would be, so the bubble can say it.
            return s.conversations().setMedia(tenant, messageId, QStringLiteral("failed"), reason,
                                              QString());
        },
        [this, messageId, reason](Result<Message>) {
            --m_inFlight;
            Q_EMIT finished(messageId, false, reason);
        });
}

} // namespace shopdesk
