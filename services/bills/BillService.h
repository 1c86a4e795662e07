#pragma once

#include "bills/Bill.h"
#include "core/Result.h"
#include "domain/Message.h"

#include <QByteArray>
#include <QObject>

#include <functional>

namespace shopdesk {

class Store;
class StoreWorker;

// Bills for the console, the command line and the bot: an order's bill as text and as a PDF,
// and the bill sent to the customer's chat as a WhatsApp document (its text as the caption).
// Any of the store's operators may print or send one; a send is audited.
class BillService : public QObject
{
    Q_OBJECT
public:
    BillService(StoreWorker &store, QString dataDir, QObject *parent = nullptr);

    struct Printed
    {
        Bill bill;
        QString text;
        QByteArray pdf;
    };
    // The bill, its text and its PDF (to save or print).
    void print(qint64 tenantId, qint64 actorId, qint64 orderId, QObject *context,
               std::function<void(Result<Printed>)> done);
    // Sends the bill to the order's chat; answers with the bill.
    void send(qint64 tenantId, qint64 actorId, qint64 orderId, QObject *context,
              std::function<void(Result<Bill>)> done);

    // The same on the database thread.
    static Result<Printed> print(Store &store, qint64 tenantId, qint64 actorId, qint64 orderId);
    // author: a person (Human, audited) or the bot answering "bill bhejo" (Bot).
    static Result<Bill> send(Store &store, const QString &dataDir, qint64 tenantId, qint64 actorId,
                             qint64 orderId, Author author);
    // The PDF written into the data folder (media/<store>/sent), its path inside it.
    static Result<QString> writePdf(const QString &dataDir, qint64 tenantId, const Bill &bill,
                                    const QByteArray &pdf);

private:
    StoreWorker &m_store;
    QString m_dataDir;
};

} // namespace shopdesk
