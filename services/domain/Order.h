#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace shopdesk {

struct OrderLine
{
    qint64 id = 0;
    qint64 productId = 0;
    QString productName;
    double quantity = 0;
    QString unit;
    qint64 unitPriceMinor = 0;
    qint64 lineTotalMinor = 0;
};

// An order taken in chat. Status: open, confirmed, delivered, cancelled.
struct Order
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 contactId = 0;
    qint64 conversationId = 0;
    QString status = QStringLiteral("open");
    qint64 totalMinor = 0;
    qint64 billNumber = 0;                   // given when confirmed (BillNumbers); 0: none yet
    QString takenBy = QStringLiteral("bot"); // "person": above the store's limit, a person confirms
    // Recorded after the fact (the demo's past orders, an import of old ones): today's stock
    // already lacks its goods, so adding it takes nothing.
    bool fromHistory = false;
    QList<OrderLine> lines;
    QString customerName; // filled by CatalogStore::orders for lists
    QString customerPhone;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace shopdesk
