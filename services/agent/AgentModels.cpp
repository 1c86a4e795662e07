#include "agent/AgentModels.h"

#include "agent/ShopIntents.h"
#include "storage/Store.h"

namespace shopdesk {

Result<AgentModels::Models> AgentModels::forStore(Store &store, qint64 tenantId)
{
    using R = Result<Models>;
    Kept &kept = m_kept[tenantId];
    Models out;

    auto examples = store.agent().intentExamplesRevision(tenantId);
    auto threshold = store.tenants().setting(tenantId, ShopIntents::ThresholdSetting);
    if (!examples || !threshold)
        return R::failure(examples ? threshold.error() : examples.error());
    const QString intentsKey = examples.value() + QLatin1Char('/') + threshold.value();
    if (!kept.intents || kept.intentsKey != intentsKey) {
        auto model = ShopIntents::trainForStore(store, tenantId);
        if (!model)
            return R::failure(model.error());
        kept.intents = std::make_shared<const IntentClassifier>(std::move(model.value()));
        kept.intentsKey = intentsKey;
        out.retrained = true;
    }

    auto products = store.catalog().productsRevision(tenantId);
    if (!products)
        return R::failure(products.error());
    if (!kept.products || kept.productsKey != products.value()) {
        auto list = store.catalog().products(tenantId);
        if (!list)
            return R::failure(list.error());
        kept.products = std::make_shared<const ProductMatcher>(list.value());
        kept.productsKey = products.value();
        out.retrained = true;
    }
    out.intents = kept.intents;
    out.products = kept.products;
    return out;
}

} // namespace shopdesk
