#pragma once

#include "agent/IntentClassifier.h"
#include "core/Result.h"

namespace shopdesk {

class Store;

// The intents of a shop's chat and the examples Shopdesk ships for them (resources/agent/
// intents.csv, English and Hinglish). A store's model is trained from those plus the store's
// own examples, with the store's out-of-scope threshold (setting intents.threshold).
namespace ShopIntents {

inline const QString Greeting = QStringLiteral("greeting");
inline const QString ProductAvailability = QStringLiteral("product_availability");
inline const QString Price = QStringLiteral("price");
inline const QString PlaceOrder = QStringLiteral("place_order");
inline const QString ChangeOrder = QStringLiteral("change_order");
inline const QString CancelOrder = QStringLiteral("cancel_order");
inline const QString OrderStatus = QStringLiteral("order_status");
inline const QString Delivery = QStringLiteral("delivery");
inline const QString StoreHours = QStringLiteral("store_hours");
inline const QString StoreLocation = QStringLiteral("store_location");
inline const QString PaymentBalance = QStringLiteral("payment_balance");
inline const QString StorePolicy = QStringLiteral("store_policy");
inline const QString Complaint = QStringLiteral("complaint");
inline const QString Human = QStringLiteral("human");
inline const QString Thanks = QStringLiteral("thanks");
inline const QString Affirm = QStringLiteral("affirm");
inline const QString Deny = QStringLiteral("deny");
inline const QString OutOfScope = QStringLiteral("out_of_scope");

inline const QString ThresholdSetting = QStringLiteral("intents.threshold");
constexpr double DefaultThreshold = 0.15;

QStringList labels(); // every intent above, out_of_scope last
Result<IntentExamples> shippedExamples();
// Shipped examples plus the store's own; options from the store's settings.
Result<IntentClassifier> trainForStore(Store &store, qint64 tenantId);

} // namespace ShopIntents

} // namespace shopdesk
