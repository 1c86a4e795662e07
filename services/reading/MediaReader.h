#pragma once

#include "ai/CircuitBreaker.h"
#include "messaging/MediaJob.h"
#include "reading/MediaReading.h"
#include "reading/Transcriber.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

class QNetworkAccessManager;

namespace shopdesk {

class StoreWorker;

// Reads customers' voice notes and photos as soon as their files are kept: a voice note goes to
// the store's transcription endpoint (setting ai.transcription; behind a circuit breaker per
// store, like the chat model), a photo to Tesseract on this reader's pool. What was heard or
// read, or why not, is written into the message (MediaReading), where the console shows it under
// the bubble and the bot, which waits for it, takes it as the customer's words.
class MediaReader : public QObject
{
    Q_OBJECT
public:
    MediaReader(StoreWorker &store, QNetworkAccessManager &network, QString dataDir,
                QObject *parent = nullptr);
    ~MediaReader() override;

    void read(const shopdesk::MediaJob &job, const QString &path, const QString &mime);
    int inFlight() const { return m_inFlight; }
    // The store's voice service: paused (open) after failures, for a cool-down.
    bool voicePaused(qint64 tenantId) const;

Q_SIGNALS:
    // The message's reading is written (read or not): the bot may answer it now.
    void readingSaved(qint64 tenantId, qint64 conversationId, qint64 messageId);

private:
    void transcribe(const MediaJob &job, const QString &path, const QString &mime);
    void recognize(const MediaJob &job, const QString &path);
    void save(const MediaJob &job, const MediaReading &reading);

    StoreWorker &m_store;
    Transcriber m_transcriber;
    QString m_dataDir;
    QHash<qint64, CircuitBreaker> m_voiceBreakers; // per store
    int m_inFlight = 0;
    QThreadPool m_pool; // last: waits for its work before the rest goes
};

} // namespace shopdesk
