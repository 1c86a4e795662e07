#include "agent/ShopIntents.h"

#include "agent/IntentEvaluation.h"
#include "storage/Store.h"

#include <QFile>

namespace shopdesk::ShopIntents {

QStringList labels()
{
    return {Greeting,       ProductAvailability,
            Price,          PlaceOrder,
            ChangeOrder,    CancelOrder,
            OrderStatus,    Delivery,
            StoreHours,     StoreLocation,
            PaymentBalance, StorePolicy,
            Complaint,      Human,
            Thanks,         Affirm,
            Deny,           OutOfScope};
}

Result<IntentExamples> shippedExamples()
{
    static const Result<IntentExamples> examples = [] {
        QFile file(QStringLiteral(":/agent/intents.csv"));
        if (!file.open(QIODevice::ReadOnly))
            return Result<IntentExamples>::failure(
                QStringLiteral("The shipped intent examples are missing from this build."));
        return IntentEvaluation::parseCsv(file.readAll());
    }();
    return examples;
}

Result<IntentClassifier> trainForStore(Store &store, qint64 tenantId)
{
    auto examples = shippedExamples();
    if (!examples)
        return Result<IntentClassifier>::failure(examples.error());
    auto own = store.agent().intentExamples(tenantId);
    if (!own)
        return Result<IntentClassifier>::failure(own.error());
    auto threshold = store.tenants().setting(tenantId, ThresholdSetting);
    IntentClassifier::Options options;
    bool ok = false;
    const double t = threshold ? threshold->toDouble(&ok) : 0;
    options.threshold = ok && t >= 0 && t <= 1 ? t : DefaultThreshold;
    return IntentClassifier::train(examples.value() + own.value(), options);
}

} // namespace shopdesk::ShopIntents
