#pragma once

#include "messaging/ProviderClient.h"

namespace shopdesk {

// The built-in simulator's "provider": a send is handed to the test phone in the console
// (through the engine's SimulatorPhone), which answers with Meta-style status webhooks.
class SimulatorClient : public ProviderClient
{
    Q_OBJECT
public:
    using ProviderClient::ProviderClient;

    void send(const OutboxItem &item, SendDone done) override;
    void testConnection(TestDone done) override;
    void fetchMedia(const MediaJob &job, qint64 maxBytes, FetchDone done) override;

Q_SIGNALS:
    void delivered(qint64 channelId, const QString &customer, const QString &providerMessageId,
                   const QString &text);
};

} // namespace shopdesk
