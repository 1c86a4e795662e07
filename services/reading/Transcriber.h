#pragma once

#include "ai/ModelEndpoint.h"
#include "core/Result.h"

#include <QByteArray>
#include <QObject>

#include <functional>

class QNetworkAccessManager;

namespace shopdesk {

// Voice notes to text through an OpenAI-compatible /audio/transcriptions endpoint (whisper.cpp's
// server, faster-whisper servers, OpenAI): the audio goes as multipart/form-data with the model
// and a prompt in the shop's words, and the answer's segments give a confidence. WhatsApp's
// OGG/Opus goes as it is: the servers named decode it themselves. Failures come back in words a
// store owner understands; the key goes only in the Authorization header.
class Transcriber : public QObject
{
    Q_OBJECT
public:
    struct Transcript
    {
        QString text;
        double confidence = -1; // 0..1 from the segments; below 0 when the server gives none
        QString language;
        double seconds = 0; // the audio's length, when the server says
    };

    explicit Transcriber(QNetworkAccessManager &network, QObject *parent = nullptr);

    void transcribe(const ModelEndpoint &endpoint, const QByteArray &audio, const QString &fileName,
                    const QString &mime, std::function<void(Result<Transcript>)> done);

    // The transcript in a server's JSON answer (verbose_json with segments, or plain json).
    static Result<Transcript> parse(const QByteArray &body);

private:
    void post(const ModelEndpoint &endpoint, const QByteArray &audio, const QString &fileName,
              const QString &mime, bool verbose, std::function<void(Result<Transcript>)> done);
    QNetworkAccessManager &m_network;
};

} // namespace shopdesk
