#include "messaging/ProviderClient.h"

#include "core/Logging.h"
#include "messaging/EvolutionClient.h"
#include "messaging/MetaClient.h"
#include "messaging/ProviderErrors.h"
#include "messaging/SimulatorClient.h"
#include "messaging/TwilioClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace shopdesk {

ProviderClient::ProviderClient(ChannelConfig config, QNetworkAccessManager &network,
                               QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(network)
{}

Result<FetchedMedia> ProviderClient::tooLarge(qint64 maxBytes)
{
    return Result<FetchedMedia>::failure(
        QStringLiteral("The file is larger than the %1 MB limit.").arg(maxBytes / (1024 * 1024)),
        ErrorKind::Invalid);
}

std::unique_ptr<ProviderClient> ProviderClient::create(const ChannelConfig &config,
                                                       QNetworkAccessManager &network)
{
    const QString p = config.provider();
    if (p == QLatin1String("meta"))
        return std::make_unique<MetaClient>(config, network);
    if (p == QLatin1String("twilio"))
        return std::make_unique<TwilioClient>(config, network);
    if (p == QLatin1String("evolution"))
        return std::make_unique<EvolutionClient>(config, network);
    return std::make_unique<SimulatorClient>(config, network);
}

ProviderClient::ReplyDone ProviderClient::bestEffort(const QString &what)
{
    return [what](QNetworkReply *reply, bool timedOut) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (timedOut || status < 200 || status >= 300)
            qCInfo(lcNet).noquote()
                << "The provider did not" << what << "(HTTP" << (timedOut ? 0 : status) << ")";
    };
}

void ProviderClient::request(const QByteArray &verb, QNetworkRequest request,
                             const QByteArray &body, ReplyDone done)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    auto timedOut = std::make_shared<bool>(false);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(m_timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [reply, timedOut, done = std::move(done)] {
        reply->deleteLater();
        done(reply, *timedOut);
    });
}

SendOutcome ProviderClient::failureFrom(QNetworkReply *reply, bool timedOut, const QString &code,
                                        const QString &providerText) const
{
    SendOutcome out;
    out.errorCode = code;
    const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (http == 0) {
        // No HTTP answer. If the connection was never made, nothing went out: retry. Otherwise
        // the provider may have the message: do not repeat it.
        const auto error = reply->error();
        const bool neverSent = !timedOut && (error == QNetworkReply::ConnectionRefusedError ||
                                             error == QNetworkReply::HostNotFoundError ||
                                             error == QNetworkReply::TemporaryNetworkFailureError ||
                                             error == QNetworkReply::NetworkSessionFailedError ||
                                             error == QNetworkReply::UnknownNetworkError);
        out.kind = neverSent ? SendOutcome::Kind::Retry : SendOutcome::Kind::Unknown;
        out.unreachable = neverSent;
        out.reason =
            timedOut ? QStringLiteral("The provider did not answer within %1 seconds.")
                           .arg(m_timeoutMs / 1000.0)
                     : QStringLiteral("Could not reach the provider: %1").arg(reply->errorString());
        return out;
    }
    const QByteArray retryAfter = reply->rawHeader("Retry-After");
    if (!retryAfter.isEmpty())
        out.retryAfterSeconds = retryAfter.toInt();
    out.reason = ProviderErrors::describe(m_config.provider(), code, providerText);
    if (http == 429 || http >= 500 || ProviderErrors::isTransient(m_config.provider(), code))
        out.kind = SendOutcome::Kind::Retry;
    else
        out.kind = SendOutcome::Kind::Failed;
    if (http == 401 && code.isEmpty())
        out.reason = ProviderErrors::describe(m_config.provider(), QStringLiteral("190"), {});
    return out;
}

void ProviderClient::download(QNetworkRequest req, qint64 maxBytes, FetchDone done)
{
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network.get(req);
    auto tooBig = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, maxBytes, tooBig](qint64 received, qint64 total) {
                if (received > maxBytes || total > maxBytes) {
                    *tooBig = true;
                    reply->abort();
                }
            });
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(m_timeoutMs * 4);
    connect(reply, &QNetworkReply::finished, this,
            [reply, tooBig, maxBytes, done = std::move(done)] {
                reply->deleteLater();
                if (*tooBig) {
                    done(ProviderClient::tooLarge(maxBytes));
                    return;
                }
                if (reply->error() != QNetworkReply::NoError) {
                    done(Result<FetchedMedia>::failure(
                        QStringLiteral("Download failed: %1").arg(reply->errorString())));
                    return;
                }
                FetchedMedia media;
                media.data = reply->readAll();
                media.mime = reply->header(QNetworkRequest::ContentTypeHeader).toString();
                done(media);
            });
}

} // namespace shopdesk
