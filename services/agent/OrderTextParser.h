#pragma once

#include <QList>
#include <QString>

namespace shopdesk {

// The items of an order as customers type them on WhatsApp, in English and Hinglish:
// "2 milk aur 1 bread", "send 3 cs Parle-G and 1 ctn coke", "do kilo aata, aadha kilo cheeni".
// Quantities as digits or words (one, two, dozen; ek, do, teen, aadha, dedh, dhai), units
// (g, kg, ml, L, pcs, pack, dozen, case/cs, carton/ctn, bottle), items split on "and", "aur",
// commas, "&", "+" and new lines; polite and ordering words ("please", "bhej do", "chahiye")
// are dropped. Matching the product text against the inventory is the next step's job.
class OrderTextParser
{
public:
    struct Item
    {
        double quantity = 1; // 1 when the customer named none
        bool quantityGiven = false;
        QString unit; // canonical: g, kg, ml, l, pcs, pack, dozen, case, carton, bottle
        QString text; // what is left: the product as the customer wrote it
    };

    static QList<Item> parse(const QString &message);
    // A number word or digits ("teen", "2.5", "½"); negative when it is not a quantity.
    static double quantityWord(const QString &token);
    // The canonical unit for a word ("kgs" -> "kg", "cs" -> "case"); empty when it is not one.
    static QString unitWord(const QString &token);
};

} // namespace shopdesk
