#include "reading/MediaReader.h"

#include "core/Logging.h"
#include "knowledge/KnowledgeSettings.h"
#include "reading/ListOcr.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPointer>

namespace shopdesk {

namespace {

QByteArray fileBytes(const QString &dataDir, const QString &path)
{
    QFile file(QDir(dataDir).filePath(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

MediaReading unread(const QString &by, const QString &reason)
{
    MediaReading r;
    r.state = MediaReading::State::Unread;
    r.by = by;
    r.reason = reason;
    return r;
}

} // namespace

MediaReader::MediaReader(StoreWorker &store, QNetworkAccessManager &network, QString dataDir,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transcriber(network)
    , m_dataDir(std::move(dataDir))
{
    m_transcriber.setParent(this); // moves with the reader to the engine's thread
    m_pool.setObjectName(QStringLiteral("shopdesk-media"));
    m_pool.setMaxThreadCount(1); // one Tesseract at a time: photos are few, memory is not free
    // Reading photos yields to acknowledging webhooks and to the console.
    m_pool.setThreadPriority(QThread::IdlePriority); // SCHED_IDLE on Linux
}

MediaReader::~MediaReader()
{
    m_pool.waitForDone();
}

bool MediaReader::voicePaused(qint64 tenantId) const
{
    const auto it = m_voiceBreakers.constFind(tenantId);
    return it != m_voiceBreakers.cend() && it->isOpen();
}

void MediaReader::read(const MediaJob &job, const QString &path, const QString &mime)
{
    if (MediaReading::isVoice(job.type))
        transcribe(job, path, mime);
    else if (job.type == QLatin1String("image"))
        recognize(job, path);
}

void MediaReader::transcribe(const MediaJob &job, const QString &path, const QString &mime)
{
    ++m_inFlight;
    const qint64 tenant = job.tenantId;
    m_store.run(
        this,
        [tenant](Store &s) {
            return Result<ModelEndpoint>(KnowledgeSettings::load(s, tenant).transcription);
        },
        [this, job, path, mime](Result<ModelEndpoint> endpoint) {
            if (!endpoint || !endpoint->configured()) {
                save(job, unread(QStringLiteral("voice"),
                                 endpoint ? QStringLiteral("no voice service is set up")
                                          : endpoint.error()));
                return;
            }
            CircuitBreaker &breaker = m_voiceBreakers[job.tenantId];
            CircuitBreaker::Limits limits;
            limits.slowAfter = CircuitBreaker::Duration(endpoint->timeoutMs);
            breaker.setLimits(limits);
            if (!breaker.allows()) {
                save(job, unread(QStringLiteral("voice"),
                                 QStringLiteral("the voice service is paused for %1 s after "
                                                "failures: %2")
                                     .arg((breaker.remainingMs() + 999) / 1000)
                                     .arg(breaker.reason())));
                return;
            }
            const QByteArray audio = fileBytes(m_dataDir, path);
            auto timer = std::make_shared<QElapsedTimer>();
            timer->start();
            const ModelEndpoint e = endpoint.value();
            m_transcriber.transcribe(
                e, audio, QFileInfo(path).fileName(), mime,
                [this, job, timer, model = e.model](Result<Transcriber::Transcript> t) {
                    CircuitBreaker &b = m_voiceBreakers[job.tenantId];
                    MediaReading r;
                    r.by = QStringLiteral("voice");
                    r.engine = model;
                    r.ms = double(timer->nsecsElapsed()) / 1e6;
                    if (t) {
                        b.succeeded(CircuitBreaker::Duration(timer->elapsed()));
                        r.state = MediaReading::State::Read;
                        r.text = t->text;
                        r.confidence = t->confidence;
                    } else {
                        b.failed(t.error(), t.error().contains(QLatin1String("did not answer")));
                        r.state = MediaReading::State::Unread;
                        r.reason = t.error();
                        qCWarning(lcNet).noquote()
                            << "Voice note" << job.messageId << "not transcribed:" << t.error();
                    }
                    save(job, r);
                });
        });
}

void MediaReader::recognize(const MediaJob &job, const QString &path)
{
    ++m_inFlight;
    QPointer<MediaReader> self(this);
    const QString file = QDir(m_dataDir).filePath(path);
    m_pool.start([self, job, file] {
        QElapsedTimer timer;
        timer.start();
        QFile f(file);
        const QByteArray bytes = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        auto text = ListOcr::read(bytes);
        MediaReading r;
        r.by = QStringLiteral("photo");
        if (text) {
            r.state = MediaReading::State::Read;
            r.text = text->joined();
            r.confidence = text->confidence;
            r.engine = text->engine;
        } else {
            r.state = MediaReading::State::Unread;
            r.reason = text.error();
        }
        r.ms = double(timer.nsecsElapsed()) / 1e6;
        if (self)
            QMetaObject::invokeMethod(
                self, [self, job, r] { self->save(job, r); }, Qt::QueuedConnection);
    });
}

void MediaReader::save(const MediaJob &job, const MediaReading &reading)
{
    const qint64 tenant = job.tenantId;
    const qint64 messageId = job.messageId;
    m_store.run(
        this,
        [tenant, messageId, json = reading.toJson()](Store &s) {
            return s.conversations().setReading(tenant, messageId, json);
        },
        [this, tenant, messageId](Result<Message> saved) {
            --m_inFlight;
            if (!saved) {
                qCWarning(lcNet).noquote()
                    << "The reading of message" << messageId << "was not kept:" << saved.error();
                return;
            }
            Q_EMIT readingSaved(tenant, saved->conversationId, messageId);
        });
}

} // namespace shopdesk
