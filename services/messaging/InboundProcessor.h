#pragma once

#include "domain/Message.h"
#include "messaging/MediaJob.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace shopdesk {

class StoreWorker;

// Turns recorded inbound events into chat messages and delivery statuses, after the provider
// has been answered; the customers' messages join the bot's queue in the same transaction.
// Events are processed in arrival order on the database thread; each one
// is written and marked processed in the same transaction, so a crash neither loses nor
// doubles one. Statuses for a message whose send is not recorded yet wait and are retried.
class InboundProcessor : public QObject
{
    Q_OBJECT
public:
    explicit InboundProcessor(StoreWorker &store, QObject *parent = nullptr);

    void start(); // processes what a previous run left, then whatever arrives
    void stop();
    void wake();
    bool isIdle() const { return !m_running && !m_again; }

Q_SIGNALS:
    void mediaWanted(const QList<shopdesk::MediaJob> &jobs);
    void idle(); // everything recorded so far is processed (or waiting for its message)

private:
    void runPass();

    StoreWorker &m_store;
    QTimer m_retryTimer; // revisits statuses that arrived before their message's send finished
    bool m_started = false;
    bool m_running = false;
    bool m_again = false;
    qint64 m_cursor = 0;
};

} // namespace shopdesk
