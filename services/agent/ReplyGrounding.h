#pragma once

#include <QString>
#include <QStringList>

namespace shopdesk {

class ProductMatcher;

// Whether a reply written by a language model says only what the tools and the store's
// documents told it. A reply is not grounded when it
// - states a number (a price, quantity, total, order number, time) found in no tool result, no
//   retrieved passage and not in the customer's own message;
// - names a product of this store (a word that picks out few of its products: a brand, a kind)
//   that no tool result mentions and the customer did not say;
// - answers a question about the shop without having looked anything up.
// Small talk (a greeting, thanks) needs no evidence.
class ReplyGrounding
{
public:
    struct Verdict
    {
        bool grounded = false;
        QString problem; // what was not supported, for the trace
    };
    static Verdict check(const QString &reply, const QStringList &evidence,
                         const QString &customerMessage, const ProductMatcher &products,
                         bool smallTalk);

    // The numbers of a text, normalized ("₹1,250.00" -> "1250", "9:00" -> "9").
    static QStringList numbers(const QString &text);
};

} // namespace shopdesk
