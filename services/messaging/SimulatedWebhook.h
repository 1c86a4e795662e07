#pragma once

#include "domain/Channel.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace shopdesk {

// A correctly signed webhook of a channel's provider, as that provider would send it: used by
// `shopdesk-cli simulate`, the benchmarks and the crash test to drive a running engine.
struct SimulatedWebhook
{
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // Customer message number `n` of run `runId`, from one of `customers` customers.
    // `baseUrl` is scheme://host:port of the engine.
    static SimulatedWebhook customerMessage(const Channel &channel, const QUrl &baseUrl,
                                            const QString &runId, qint64 n, int customers);
};

} // namespace shopdesk
