#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace shopdesk {

class Store;
class StoreWorker;

// Sends the payment reminders that are due, across stores, every minute (and on sendDue()).
// Inside the customer's 24-hour window a reminder goes as its text; outside it, as the store's
// approved template (setting reminders.template, "payment_reminder" by default, with the amount
// and the store's name). Each reminder is claimed first, so with several engine nodes on one
// PostgreSQL server it goes out once. One that cannot be sent is marked failed with the reason.
class ReminderSender : public QObject
{
    Q_OBJECT
public:
    explicit ReminderSender(StoreWorker &store, QObject *parent = nullptr);

    void start(int intervalMs);
    void stop();
    void sendDue();

    struct Report
    {
        int sent = 0;
        int asTemplate = 0;
        int failed = 0;
        int optedOut = 0;     // cancelled: the customer wrote STOP
        int paidUp = 0;       // cancelled: the ledger shows nothing owed any more
        QStringList problems; // one line per failed reminder
    };
    // On the database thread: sends what is due by `now`, at most `limit` reminders.
    static Result<Report> sendDueNow(Store &store, const QDateTime &now, int limit = 50);

Q_SIGNALS:
    void finished(const shopdesk::ReminderSender::Report &report);

private:
    StoreWorker &m_store;
    QTimer m_timer;
    bool m_running = false;
    bool m_again = false;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::ReminderSender::Report)
