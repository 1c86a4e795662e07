#include "reading/Transcriber.h"

#include "ai/EndpointFailure.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cmath>

namespace shopdesk {

namespace {

// Whisper follows the prompt's style: grocery words in Latin letters, as customers write them.
const char *kPrompt = "Order: 2 kg atta, 1 packet doodh aur 1 bread bhej do. Haan, confirm.";

QHttpPart field(const char *name, const QByteArray &value)
{
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"%1\"").arg(QLatin1String(name)));
    part.setBody(value);
    return part;
}

// A segment's chance of being right: exp(average log-probability of its tokens), lowered by the
// chance that it is no speech at all.
double segmentConfidence(const QJsonObject &s)
{
    const double logprob = s.value(QStringLiteral("avg_logprob")).toDouble(0);
    const double noSpeech = s.value(QStringLiteral("no_speech_prob")).toDouble(0);
    return std::clamp(std::exp(logprob) * (1.0 - noSpeech), 0.0, 1.0);
}

// The servers tell the format by the file's extension (OpenAI takes flac, m4a, mp3, mp4, mpeg,
// mpga, ogg, wav and webm): WhatsApp's OGG/Opus, kept as .ogx or .oga, goes as .ogg.
QString uploadName(const QString &fileName, const QString &mime)
{
    const QString base = fileName.section(QLatin1Char('.'), 0, 0);
    if (mime.contains(QLatin1String("ogg")) || mime.contains(QLatin1String("opus")))
        return base + QStringLiteral(".ogg");
    return fileName;
}

} // namespace

Transcriber::Transcriber(QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

Result<Transcriber::Transcript> Transcriber::parse(const QByteArray &body)
{
    using R = Result<Transcript>;
    const QJsonDocument json = QJsonDocument::fromJson(body);
    if (!json.isObject())
        return R::failure(QStringLiteral("The voice service sent an answer that is not JSON."));
    const QJsonObject o = json.object();
    if (!o.contains(QStringLiteral("text")))
        return R::failure(QStringLiteral("The voice service's answer has no text."));
    Transcript t;
    t.text = o.value(QStringLiteral("text")).toString().trimmed();
    t.language = o.value(QStringLiteral("language")).toString();
    t.seconds = o.value(QStringLiteral("duration")).toDouble();
    const QJsonArray segments = o.value(QStringLiteral("segments")).toArray();
    double weighted = 0;
    double weights = 0;
    for (const QJsonValue &v : segments) {
        const QJsonObject s = v.toObject();
        if (!s.contains(QStringLiteral("avg_logprob")))
            continue;
        const double length =
            std::max(1.0, double(s.value(QStringLiteral("text")).toString().trimmed().size()));
        weighted += segmentConfidence(s) * length;
        weights += length;
    }
    if (weights > 0)
        t.confidence = weighted / weights;
    return t;
}

void Transcriber::transcribe(const ModelEndpoint &endpoint, const QByteArray &audio,
                             const QString &fileName, const QString &mime,
                             std::function<void(Result<Transcript>)> done)
{
    if (audio.isEmpty()) {
        done(Result<Transcript>::failure(QStringLiteral("The voice note is empty.")));
        return;
    }
    // verbose_json carries the segments a confidence comes from; a server that refuses it (some
    // OpenAI models) is asked once more for plain json.
    post(endpoint, audio, fileName, mime, true,
         [this, endpoint, audio, fileName, mime, done](Result<Transcript> t) mutable {
             if (!t && t.error().contains(QLatin1String("response_format"))) {
                 post(endpoint, audio, fileName, mime, false, std::move(done));
                 return;
             }
             done(std::move(t));
         });
}

void Transcriber::post(const ModelEndpoint &endpoint, const QByteArray &audio,
                       const QString &fileName, const QString &mime, bool verbose,
                       std::function<void(Result<Transcript>)> done)
{
    using R = Result<Transcript>;
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"file\"; filename=\"%1\"")
                       .arg(uploadName(fileName, mime)));
    file.setHeader(QNetworkRequest::ContentTypeHeader,
                   mime.contains(QLatin1String("ogg")) ? QStringLiteral("audio/ogg") : mime);
    file.setBody(audio);
    multi->append(file);
    multi->append(field("model", endpoint.model.toUtf8()));
    multi->append(field("response_format", verbose ? "verbose_json" : "json"));
    multi->append(field("temperature", "0"));
    multi->append(field("prompt", kPrompt));

    QNetworkRequest request(endpoint.url(QStringLiteral("audio/transcriptions")));
    if (!endpoint.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + endpoint.apiKey.toUtf8());
    request.setTransferTimeout(endpoint.timeoutMs);
    QNetworkReply *reply = m_network.post(request, multi);
    multi->setParent(reply);
    const QString server = QStringLiteral("the voice service (%1)").arg(request.url().host());
    const int timeoutMs = endpoint.timeoutMs;
    connect(reply, &QNetworkReply::finished, this,
            [reply, done = std::move(done), server, timeoutMs] {
                reply->deleteLater();
                const QByteArray bytes = reply->readAll();
                if (const QString failed = endpointFailure(reply, bytes, server, timeoutMs);
                    !failed.isEmpty())
                    return done(R::failure(failed));
                done(parse(bytes));
            });
}

} // namespace shopdesk
