#pragma once

#include "net/HttpRequest.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace shopdesk {

class WebhookService;
class StoreWorker;

// The test phone of the built-in simulator channel. What the "customer" types is wrapped in a
// signed Meta-format webhook and handed to the same webhook pipeline real providers use; what
// the store sends arrives here, and the phone answers with delivered and read statuses.
class SimulatorPhone : public QObject
{
    Q_OBJECT
public:
    SimulatorPhone(StoreWorker &store, WebhookService &webhooks, QObject *parent = nullptr);

    // The customer `from` ("+<digits>") writes `text` on simulator channel `channelId`.
    void customerSays(qint64 channelId, const QString &from, const QString &name,
                      const QString &text, std::function<void(int httpStatus)> done = {});
    // Called by the sender when the store's message reaches the simulated customer.
    void deliver(qint64 channelId, const QString &customer, const QString &providerMessageId,
                 const QString &text);

    // A signed Meta-style webhook body for a message or status (also used by `simulate`).
    static QByteArray messageBody(const QString &phoneNumberId, const QString &from,
                                  const QString &name, const QString &id, const QString &text,
                                  qint64 timestamp);
    static QByteArray statusBody(const QString &phoneNumberId, const QString &recipient,
                                 const QString &id, const QString &status, qint64 timestamp);

Q_SIGNALS:
    void received(qint64 channelId, const QString &customer, const QString &text);

private:
    void post(qint64 channelId, const QByteArray &body, std::function<void(int)> done);

    StoreWorker &m_store;
    WebhookService &m_webhooks;
};

} // namespace shopdesk
