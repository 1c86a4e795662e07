#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

class Store;

struct DemoSummary
{
    bool alreadyLoaded = false;
    qint64 tenantId = 0;
    QString slug;
    int products = 0;
    int documents = 0;
    int customers = 0;
    int conversations = 0;
    int messages = 0;
    int orders = 0;
    int historyChats = 0; // the 30 days of history before the recent chats (DemoHistory)
};

// Loads the demo grocery store shipped in :/demo into a store, in one transaction.
// Message times are relative to now, so the demo always looks like recent activity.
class DemoStoreLoader
{
public:
    static constexpr const char *kSlug = "demo";
    // history: also the generated 30 days before (for the Analytics pane); the recent chats,
    // products, knowledge and customers are the same either way.
    static Result<DemoSummary> load(Store &store, bool history = true);
};

} // namespace shopdesk
