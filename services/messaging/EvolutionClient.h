#pragma once

#include "messaging/ProviderClient.h"

namespace shopdesk {

// Evolution API v2, a self-hosted WhatsApp gateway (header apikey).
class EvolutionClient : public ProviderClient
{
    Q_OBJECT
public:
    using ProviderClient::ProviderClient;

    void send(const OutboxItem &item, SendDone done) override;
    void testConnection(TestDone done) override;
    void fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done) override;
    // POST /chat/markMessageAsRead/{instance}, then /chat/sendPresence/{instance} "composing".
    void markRead(const QString &customer, const QString &providerMessageId) override;

private:
    QNetworkRequest apiRequest(const QString &path) const;
};

} // namespace shopdesk
