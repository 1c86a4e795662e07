#pragma once

#include "domain/LedgerEntry.h"

#include <QString>

namespace shopdesk {

// What the owner asked for in one message to the command bar or from their own WhatsApp
// number ("Rahul ne 500 diye", "atta ka stock"), as OwnerCommandParser understood it.
struct OwnerCommand
{
    enum class Kind { None, Balance, Payment, Credit, Stock, Sales, Remind, Yes, No, Help, Choose };
    Kind kind = Kind::None;
    QString who;            // the words naming the customer; empty: the customer talked about
    qint64 amountMinor = 0; // a sum of money (a payment, credit in rupees)
    LedgerEntry::Method method = LedgerEntry::Method::None;
    QString items;         // goods given on credit, as written ("2 kg chawal")
    QString product;       // what the stock question is about ("atta")
    int inDays = -1;       // a reminder: in how many days
    int choice = 0;        // an answer to "which one?" (1, 2, ...)
    bool hinglish = false; // answer in Hinglish
    QString intent;        // the classifier's label and probability, for the trace
    double confidence = 0;

    static QString kindName(Kind kind); // "payment", "credit", ...
};

} // namespace shopdesk
