#pragma once

#include "agent/IntentClassifier.h"
#include "catalog/ProductMatcher.h"
#include "core/Result.h"

#include <QHash>

#include <memory>

namespace shopdesk {

class Store;

// The models the bot keeps per store on its node, on the database thread: the intent classifier
// (retrained when the store's examples or threshold change) and the product matcher (rebuilt
// when the inventory changes). Asking costs two small queries when nothing changed.
class AgentModels
{
public:
    struct Models
    {
        std::shared_ptr<const IntentClassifier> intents;
        std::shared_ptr<const ProductMatcher> products;
        bool retrained = false; // this call trained or rebuilt something
    };
    Result<Models> forStore(Store &store, qint64 tenantId);

private:
    struct Kept
    {
        QString intentsKey;
        QString productsKey;
        std::shared_ptr<const IntentClassifier> intents;
        std::shared_ptr<const ProductMatcher> products;
    };
    QHash<qint64, Kept> m_kept;
};

} // namespace shopdesk
