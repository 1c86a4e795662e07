#pragma once

#include "messaging/ProviderClient.h"

namespace shopdesk {

// Meta WhatsApp Cloud API (graph.facebook.com/{version}/{phone_number_id}/...).
class MetaClient : public ProviderClient
{
    Q_OBJECT
public:
    using ProviderClient::ProviderClient;

    void send(const OutboxItem &item, SendDone done) override;
    void testConnection(TestDone done) override;
    void fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done) override;
    // POST /{phone-number-id}/messages {"status": "read", "typing_indicator": ...}: the
    // customer sees blue ticks and "typing…" until the reply comes (or 25 s pass).
    void markRead(const QString &customer, const QString &providerMessageId) override;
    static QJsonObject readBody(const QString &providerMessageId);

    // The JSON body Meta expects for an outbox row; `mediaId` replaces a local file once uploaded.
    static QJsonObject messageBody(const OutboxItem &item, const QString &mediaId = {});

private:
    QNetworkRequest apiRequest(const QString &path) const;
    void post(const OutboxItem &item, const QString &mediaId, SendDone done);
    void upload(const OutboxItem &item, SendDone done);
};

} // namespace shopdesk
