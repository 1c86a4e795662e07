#pragma once

#include "core/Result.h"
#include "owner/OwnerContext.h"

#include <QDateTime>

namespace shopdesk {

class ProductMatcher;
class Store;

// Carries out the owner's commands (OwnerCommandParser) on the database thread: reads answer
// at once (a balance, a product's stock, today's sales); writes (a payment, credit in money or
// goods, a reminder) are read back for a "haan" first and then done through the same services
// as the console, so they are checked (the person must be a manager or the owner) and audited.
// A name that fits several customers is answered with a numbered question; the customer named
// last is remembered for the next command.
class OwnerCommands
{
public:
    struct Reply
    {
        QString text;
        OwnerContext context;
        QString kind;       // the command's kind ("payment", ...), for the trace
        bool wrote = false; // something was written
    };
    // products: the store's product matcher as the bot keeps it (AgentModels); without one, a
    // stock question or goods on credit build one from the inventory (slow for a big catalog).
    static Result<Reply> handle(Store &store, qint64 tenantId, qint64 actorId,
                                const OwnerContext &context, const QString &text,
                                const QDateTime &now, const ProductMatcher *products = nullptr);
};

} // namespace shopdesk
