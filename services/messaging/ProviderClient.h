#pragma once

#include "core/Result.h"
#include "domain/OutboxItem.h"
#include "messaging/ChannelConfig.h"
#include "messaging/MediaJob.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace shopdesk {

// What happened to one send.
struct SendOutcome
{
    enum class Kind {
        Sent,    // the provider accepted it (providerMessageId set)
        Retry,   // it certainly did not go out (refused for now, connection never made): retry
        Failed,  // refused for good: the reason goes on the bubble
        Unknown, // the request went out and no answer came back: never repeated blindly
    };
    Kind kind = Kind::Failed;
    QString providerMessageId;
    QString reason;    // for a person
    QString errorCode; // the provider's code
    int retryAfterSeconds = -1;
    bool unreachable = false; // no connection to the provider at all (refused, no such host)
};

struct FetchedMedia
{
    QByteArray data;
    QString mime;
};

// One provider's HTTP API for one channel: send, check the credentials, fetch media.
// Lives on the engine thread; callbacks run there.
class ProviderClient : public QObject
{
    Q_OBJECT
public:
    using SendDone = std::function<void(SendOutcome)>;
    using TestDone = std::function<void(Status)>;
    using FetchDone = std::function<void(Result<FetchedMedia>)>;

    ProviderClient(ChannelConfig config, QNetworkAccessManager &network, QObject *parent = nullptr);

    const ChannelConfig &config() const { return m_config; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    virtual void send(const OutboxItem &item, SendDone done) = 0;
    // Calls a harmless endpoint that proves the address and credentials work.
    virtual void testConnection(TestDone done) = 0;
    virtual void fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done) = 0;
    // Shows the customer's message read and the business typing (Meta, Evolution); nothing
    // where the provider has no such call (Twilio). Best effort: a failure is logged.
    virtual void markRead(const QString &customer, const QString &providerMessageId)
    {
        Q_UNUSED(customer);
        Q_UNUSED(providerMessageId);
    }

    // The failure for a file above the channel's size limit (kind Invalid: retrying is useless).
    static Result<FetchedMedia> tooLarge(qint64 maxBytes);
    static std::unique_ptr<ProviderClient> create(const ChannelConfig &config,
                                                  QNetworkAccessManager &network);

protected:
    // Sends a request and calls back with the reply once finished (or timed out: the reply's
    // error is then OperationCanceledError and `timedOut` is true).
    using ReplyDone = std::function<void(QNetworkReply *reply, bool timedOut)>;
    void request(const QByteArray &verb, QNetworkRequest request, const QByteArray &body,
                 ReplyDone done);
    // For a best-effort call (read receipts, typing): logs `what` did not happen, nothing more.
    static ReplyDone bestEffort(const QString &what);
    // The common outcome of a provider's HTTP answer that is not a success.
    SendOutcome failureFrom(QNetworkReply *reply, bool timedOut, const QString &code,
                            const QString &providerText) const;
    void download(QNetworkRequest request, qint64 maxBytes, FetchDone done);

    ChannelConfig m_config;
    QNetworkAccessManager &m_network;
    int m_timeoutMs = 30000;
};

} // namespace shopdesk
