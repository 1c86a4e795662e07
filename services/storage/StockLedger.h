#pragma once

#include "domain/Order.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace shopdesk {

class SqlBackend;

// Stock that follows what happens to it (migration 015), inside the caller's transaction: an
// order holds its goods while confirmed or delivered, so confirming takes them, cancelling
// gives them back, and changing a confirmed order moves the difference; a person's edit or an
// import of a product's stock is its own movement. Every change is a row in stock_movements
// (how much, the stock after, which order, who). Throws SqlError.
class StockLedger
{
public:
    explicit StockLedger(SqlBackend &db);

    static bool holdsStock(const QString &status)
    {
        return status == QLatin1String("confirmed") || status == QLatin1String("delivered");
    }

    struct Shortage
    {
        qint64 productId = 0;
        QString name;
        QString unit;
        double wanted = 0; // more than before, for a changed order
        double left = 0;
    };
    // What the order going from `before` (none: a new order) to `after` would take that is not
    // there. On PostgreSQL the products' rows are locked (in id order) until the transaction
    // ends, so the answer holds for the write that follows.
    QList<Shortage> shortages(qint64 tenantId, const Order *before, const Order &after);
    // "Only 1 kg of Basmati Rice is left (2 kg asked)." for each, in one sentence each.
    static QString describe(const QList<Shortage> &shortages);

    // shortages(), thrown as SqlError (Conflict) with describe()'s words. Writers call it
    // before writing the order's lines: those lines' foreign keys share-lock the products, and
    // two writers holding that and each waiting to lock the product deadlock.
    void requireStock(qint64 tenantId, const Order *before, const Order &after);
    // Takes or gives back the difference between the two, after requireStock() in the same
    // transaction (its locks make the stock it checked the stock this writes); whether any
    // product's stock moved.
    bool orderChanged(qint64 tenantId, const Order *before, const Order &after, qint64 operatorId);
    // A product's stock set by a person ("edit") or an import ("import").
    void stockSet(qint64 tenantId, qint64 productId, double before, double after,
                  const QString &reason, qint64 operatorId);

    struct Movement
    {
        qint64 id = 0;
        qint64 productId = 0;
        QDateTime at;
        double change = 0;
        double stockAfter = 0;
        QString reason; // order, order_change, cancel, edit, import
        qint64 orderId = 0;
        qint64 operatorId = 0;
        QString operatorName;
    };
    // The product's movements, newest first.
    QList<Movement> history(qint64 tenantId, qint64 productId, int limit);

private:
    // Per product: what `after` holds minus what `before` held.
    static QHash<qint64, double> difference(const Order *before, const Order &after);

    SqlBackend &m_db;
};

} // namespace shopdesk
