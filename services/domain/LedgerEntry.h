#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// One line of a customer's account with the store (the udhaar book): goods given on credit, or
// a payment received. Entries are never changed; a mistake is put right by a reversing entry
// (the opposite kind, the same amount) that points at the entry it undoes.
struct LedgerEntry
{
    enum class Kind { Credit, Payment };
    enum class Method { None, Cash, Upi, Card }; // how a payment came
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 contactId = 0;
    Kind kind = Kind::Credit;
    Method method = Method::None;
    qint64 amountMinor = 0;
    QString note;
    qint64 orderId = 0;
    qint64 reversesId = 0; // the entry this one undoes
    qint64 operatorId = 0; // who wrote it (0: the bot, the demo or an import)
    QDateTime createdAt;

    // Read back with the book:
    qint64 reversedById = 0;      // the entry that undid this one
    qint64 balanceAfterMinor = 0; // what the customer owed after this entry

    // Credit raises what the customer owes; a payment lowers it.
    qint64 signedMinor() const { return kind == Kind::Credit ? amountMinor : -amountMinor; }

    static QString kindName(Kind kind); // "credit", "payment"
    static Kind kindFrom(const QString &name);
    static QString methodName(Method method); // "", "cash", "upi", "card"
    // "cash", "UPI", "Card" (any case; "gpay", "paytm", "phonepe" are UPI); nullopt-like None
    // with ok = false for anything else.
    static Method methodFrom(const QString &name, bool *ok = nullptr);
    static QString methodLabel(Method method); // "Cash", "UPI", "Card", ""
};

} // namespace shopdesk
