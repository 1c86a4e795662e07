#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace shopdesk {

// A bill for one order, as printed or sent: the store's name, address, phone and GSTIN, the
// bill's number and date, the customer, the lines, the GST included in the prices (when the
// store set a rate), the total, and how it stands (paid, on credit, to pay, cancelled).
struct Bill
{
    struct Line
    {
        QString item;     // "India Gate Basmati Rice 5 kg"
        QString quantity; // "2"
        qint64 unitPriceMinor = 0;
        qint64 totalMinor = 0;
    };

    QString storeName;
    QString storeAddress;
    QString storePhone;
    QString gstin;
    qint64 number = 0;
    qint64 orderId = 0;
    QDateTime date;
    QString customerName;
    QString customerPhone; // digits; empty for a walk-in customer
    QList<Line> lines;
    qint64 totalMinor = 0;
    double taxPercent = 0; // GST included in the prices; 0: none shown
    qint64 taxIncludedMinor = 0;
    qint64 onCreditMinor = 0; // of the total, what stands on the customer's ledger
    QString state;            // "Paid", "On credit (udhaar)", "To pay", "Cancelled"

    QString title() const { return QStringLiteral("Bill %1").arg(number); }
    QString fileName() const { return QStringLiteral("Bill-%1.pdf").arg(number); }
};

} // namespace shopdesk
