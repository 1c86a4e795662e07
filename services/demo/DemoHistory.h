#pragma once

#include "domain/Product.h"

#include <QList>

namespace shopdesk {

class Store;
struct DemoSummary;

// Thirty days of plausible activity before the demo's recent chats, so the Analytics pane has
// something to show: a few dozen chats a day, busier in the evening and at the weekend, most
// answered by the bot, some handed to the team (asked for a person, a complaint, a question the
// bot could not answer), orders, and the unanswered questions in the retrieval log. Seeded, so
// every demo store has the same history; lines come from :/demo/history.json. Inside the
// caller's transaction.
class DemoHistory
{
public:
    static void add(Store &store, qint64 tenantId, const QList<Product> &products,
                    const QList<qint64> &operatorIds, DemoSummary &summary);
};

} // namespace shopdesk
