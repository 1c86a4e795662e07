#pragma once

#include "messaging/MediaJob.h"

#include <QObject>

namespace shopdesk {

class OutboxSender;
class StoreWorker;

// Fetches customers' media as soon as it arrives (provider links expire within minutes), checks
// its size and type, and keeps it under <data dir>/media/<store>/. The bubble shows a placeholder
// until the file is ready, or the reason it could not be fetched.
class MediaDownloader : public QObject
{
    Q_OBJECT
public:
    MediaDownloader(StoreWorker &store, OutboxSender &clients, QString dataDir,
                    QObject *parent = nullptr);

    void setRetryBaseMs(int ms) { m_retryBaseMs = ms; }
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }
    void fetch(const QList<shopdesk::MediaJob> &jobs);
    int inFlight() const { return m_inFlight; }

    // Whether data of `mime` may be stored for a message of `type` (image, voice, ...).
    static bool typeMatches(const QString &type, const QString &mime);

Q_SIGNALS:
    void finished(qint64 messageId, bool ok, const QString &detail);
    // The file is kept at `path` (relative to the data folder), of type `mime`: a voice note or
    // photo can be read now.
    void kept(const shopdesk::MediaJob &job, const QString &path, const QString &mime);

private:
    void attempt(const MediaJob &job, int attemptNumber);
    void store(const MediaJob &job, const QByteArray &data, const QString &announcedMime,
               int attemptNumber);
    void fail(const MediaJob &job, const QString &reason);

    StoreWorker &m_store;
    OutboxSender &m_clients;
    QString m_dataDir;
    int m_retryBaseMs = 1000;
    int m_maxAttempts = 4;
    int m_inFlight = 0;
};

} // namespace shopdesk
