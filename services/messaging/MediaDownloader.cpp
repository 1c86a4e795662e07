#include "messaging/MediaDownloader.h"

#include "core/Logging.h"
#include "messaging/OutboxSender.h"
#include "storage/StoreWorker.h"

#include <QDir>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QTimer>

namespace shopdesk {

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
        const bool permanent = result.error().contains(QLatin1String("limit"));
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
    if (data.isEmpty()) {
        fail(job, QStringLiteral("The provider sent an empty file."));
        return;
    }
    const QMimeDatabase mimes;
    const QMimeType sniffed = mimes.mimeTypeForData(data);
    const QString mime = (sniffed.isDefault() || sniffed.name() == QLatin1String("text/plain"))
                             ? announcedMime.section(QLatin1Char(';'), 0, 0).trimmed()
                             : sniffed.name();
    if (!typeMatches(job.type, mime)) {
        fail(job, QStringLiteral("The file is not the %1 WhatsApp said it was (it is %2).")
                      .arg(job.type, mime.isEmpty() ? QStringLiteral("unknown") : mime));
        return;
    }
    const QString relativeDir = QStringLiteral("media/%1").arg(job.tenantId);
    QString suffix = mimes.mimeTypeForName(mime).preferredSuffix();
    if (suffix.isEmpty())
        suffix = QStringLiteral("bin");
    const QString relative =
        QStringLiteral("%1/%2.%3").arg(relativeDir).arg(job.messageId).arg(suffix);
    QDir().mkpath(QDir(m_dataDir).filePath(relativeDir));
    QSaveFile file(QDir(m_dataDir).filePath(relative));
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        fail(job,
             QStringLiteral("Cannot save the file in %1: %2").arg(m_dataDir, file.errorString()));
        return;
    }
    const qint64 tenant = job.tenantId;
    const qint64 messageId = job.messageId;
    m_store.run(
        this,
        [tenant, messageId, relative, mime](Store &s) {
            return s.conversations().setMedia(tenant, messageId, QStringLiteral("ready"), relative,
                                              mime);
        },
        [this, messageId, relative](Result<Message> r) {
            --m_inFlight;
            Q_EMIT finished(messageId, r.ok(), r ? relative : r.error());
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
