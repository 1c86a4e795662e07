#pragma once

#include "core/Result.h"
#include "privacy/CustomerData.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <functional>

namespace shopdesk {

class StoreWorker;

// Customers' privacy (DPDP, GDPR) for the console and the command line: one customer's data
// exported as a zip (JSON and their files) or erased, by an owner; and the store's retention
// rule, run daily: bot traces and retrieval logs older than privacy.trace_retention_days and
// privacy.retrieval_retention_days (0 or unset: kept) are deleted, with an audit entry.
class PrivacyService : public QObject
{
    Q_OBJECT
public:
    PrivacyService(StoreWorker &store, QString dataDir, QObject *parent = nullptr);
    ~PrivacyService() override;

    void contactByPhone(qint64 tenantId, const QString &phone, QObject *context,
                        std::function<void(Result<qint64>)> done);
    // Writes <zipPath>: customer.json, conversations.json, messages.json, orders.json,
    // order_lines.json, ledger.json, reminders.json, traces.json, retrieval_log.json and media/.
    void exportCustomer(qint64 tenantId, qint64 actorId, qint64 contactId, const QString &zipPath,
                        QObject *context, std::function<void(Status)> done);
    void eraseCustomer(qint64 tenantId, qint64 actorId, qint64 contactId, QObject *context,
                       std::function<void(Result<Erasure>)> done);

    struct Retention
    {
        int traceDays = 0;     // 0: kept
        int retrievalDays = 0; // 0: kept
    };
    void retention(qint64 tenantId, QObject *context, std::function<void(Result<Retention>)> done);
    // By an owner (ManageSettings); audited as settings.change.
    void setRetention(qint64 tenantId, qint64 actorId, Retention r, QObject *context,
                      std::function<void(Status)> done);

    void startRetention(int checkIntervalMs); // daily in the engine
    void applyRetention(QObject *context = nullptr, std::function<void(Result<int>)> done = {});

    // The same on the database thread, for the command line.
    static Status writeExport(Store &store, const QString &dataDir, qint64 tenantId, qint64 actorId,
                              qint64 contactId, const QString &zipPath);
    static void removeFiles(const QString &dataDir, const QStringList &refs);
    static Result<int> purgeOld(Store &store, const QDateTime &now);

Q_SIGNALS:
    void customerErased(qint64 tenantId, qint64 contactId);

private:
    StoreWorker &m_store;
    QString m_dataDir;
    QTimer m_retention;
};

} // namespace shopdesk
