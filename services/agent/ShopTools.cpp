#include "agent/ShopTools.h"

#include "storage/Store.h"

#include <QDateTime>

namespace shopdesk {

ShopTools::ShopTools(Store &store, qint64 tenantId, const ProductMatcher &products,
                     QMap<QString, QString> settings)
    : m_store(store)
    , m_tenantId(tenantId)
    , m_products(products)
    , m_settings(std::move(settings))
{}

QStringList ShopTools::names()
{
    return {QStringLiteral("search_inventory"),   QStringLiteral("check_stock"),
            QStringLiteral("suggest_substitute"), QStringLiteral("order_status"),
            QStringLiteral("customer_balance"),   QStringLiteral("schedule_reminder"),
            QStringLiteral("business_info")};
}

QString ShopTools::money(qint64 minor) const
{
    return formatMoney(minor,
                       m_settings.value(QStringLiteral("store.currency"), QStringLiteral("INR")));
}

QString ShopTools::formatMoney(qint64 minor, const QString &currency)
{
    const QString symbol =
        currency == QLatin1String("INR") ? QStringLiteral("₹") : currency + QLatin1Char(' ');
    const QString amount = minor % 100 == 0 ? QString::number(minor / 100)
                                            : QString::number(double(minor) / 100.0, 'f', 2);
    return symbol + amount;
}

QJsonObject ShopTools::productJson(int index) const
{
    const Product &p = m_products.product(index);
    return {{QStringLiteral("product_id"), p.id},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("brand"), p.brand},
            {QStringLiteral("unit"), p.unit},
            {QStringLiteral("price"), money(p.priceMinor)},
            {QStringLiteral("in_stock"), !p.outOfStock()}};
}

QJsonObject ShopTools::searchInventory(const QString &query, int limit) const
{
    return searchResult(query, m_products.search(query, {}, 0, limit));
}

QJsonObject ShopTools::searchResult(const QString &query,
                                    const QList<ProductMatcher::Candidate> &candidates) const
{
    QJsonArray found;
    for (const ProductMatcher::Candidate &c : candidates) {
        QJsonObject o = productJson(c.index);
        o.insert(QStringLiteral("score"), c.score);
        found.append(o);
    }
    return {{QStringLiteral("query"), query}, {QStringLiteral("products"), found}};
}

QJsonObject ShopTools::checkStock(int index) const
{
    const Product &p = m_products.product(index);
    QJsonObject o = productJson(index);
    o.insert(QStringLiteral("low_on_stock"), p.lowOnStock());
    return o;
}

QJsonObject ShopTools::suggestSubstitute(int index) const
{
    QJsonArray subs;
    for (int i : m_products.substitutes(index))
        subs.append(productJson(i));
    return {{QStringLiteral("for"), productJson(index)}, {QStringLiteral("substitutes"), subs}};
}

Result<QJsonObject> ShopTools::orderStatus(qint64 contactId) const
{
    auto order = m_store.catalog().latestOrder(m_tenantId, contactId);
    if (!order)
        return Result<QJsonObject>::failure(order.error());
    if (!order->has_value())
        return QJsonObject{{QStringLiteral("order"), QJsonValue()}};
    const Order &o = order->value();
    QJsonArray lines;
    for (const OrderLine &l : o.lines)
        lines.append(QStringLiteral("%1 × %2").arg(l.quantity).arg(l.productName));
    return QJsonObject{{QStringLiteral("order"), o.id},
                       {QStringLiteral("status"), o.status},
                       {QStringLiteral("total"), money(o.totalMinor)},
                       {QStringLiteral("lines"), lines},
                       {QStringLiteral("placed"), o.createdAt.toString(Qt::ISODate)}};
}

Result<QJsonObject> ShopTools::customerBalance(qint64 contactId) const
{
    auto balance = m_store.ledger().balance(m_tenantId, contactId);
    if (!balance)
        return Result<QJsonObject>::failure(balance.error());
    return QJsonObject{{QStringLiteral("balance"), money(balance.value())},
                       {QStringLiteral("balance_minor"), balance.value()}};
}

Result<QJsonObject> ShopTools::scheduleReminder(qint64 contactId, qint64 conversationId,
                                                int inDays) const
{
    return addPaymentReminder(m_store, m_tenantId, m_settings, contactId, conversationId, inDays);
}

Result<QJsonObject> ShopTools::addPaymentReminder(Store &store, qint64 tenantId,
                                                  const QMap<QString, QString> &settings,
                                                  qint64 contactId, qint64 conversationId,
                                                  int inDays)
{
    auto balance = store.ledger().balance(tenantId, contactId);
    if (!balance)
        return Result<QJsonObject>::failure(balance.error());
    if (balance.value() <= 0)
        return QJsonObject{{QStringLiteral("scheduled"), false},
                           {QStringLiteral("reason"), QStringLiteral("nothing is owed")}};
    const QString currency =
        settings.value(QStringLiteral("store.currency"), QStringLiteral("INR"));
    Reminder r;
    r.tenantId = tenantId;
    r.contactId = contactId;
    r.conversationId = conversationId;
    r.dueAt = QDateTime::currentDateTimeUtc().addDays(std::clamp(inDays, 0, 60));
    r.amountMinor = balance.value();
    r.body = reminderText(settings, balance.value());
    auto added = store.agent().addReminder(r);
    if (!added)
        return Result<QJsonObject>::failure(added.error());
    return QJsonObject{{QStringLiteral("scheduled"), true},
                       {QStringLiteral("reminder"), added->id},
                       {QStringLiteral("due"), added->dueAt.toString(Qt::ISODate)},
                       {QStringLiteral("amount"), formatMoney(added->amountMinor, currency)}};
}

QString ShopTools::reminderText(const QMap<QString, QString> &settings, qint64 amountMinor)
{
    return QStringLiteral("A reminder from %1: %2 is due on your account.")
        .arg(settings.value(QStringLiteral("store.name")),
             formatMoney(amountMinor,
                         settings.value(QStringLiteral("store.currency"), QStringLiteral("INR"))));
}

QJsonObject ShopTools::businessInfo(const QString &topic) const
{
    const auto s = [this](const char *key) {
        return m_settings.value(QString::fromLatin1(key));
    };
    if (topic == QLatin1String("hours"))
        return {{QStringLiteral("hours"), s("store.hours")}};
    if (topic == QLatin1String("location"))
        return {{QStringLiteral("address"), s("store.address")},
                {QStringLiteral("phone"), s("store.phone")}};
    if (topic == QLatin1String("delivery")) {
        const QString charge = s("delivery.charge"), freeAbove = s("delivery.free_above");
        return {{QStringLiteral("areas"), s("delivery.areas")},
                {QStringLiteral("time"), s("delivery.time")},
                {QStringLiteral("charge"),
                 charge.isEmpty() ? QString() : money(qRound64(charge.toDouble() * 100))},
                {QStringLiteral("free_above"),
                 freeAbove.isEmpty() ? QString() : money(qRound64(freeAbove.toDouble() * 100))}};
    }
    return {{QStringLiteral("error"), QStringLiteral("topic is one of hours, location, delivery")}};
}

Result<QJsonObject> ShopTools::call(const QString &name, const QJsonObject &args, qint64 contactId,
                                    qint64 conversationId)
{
    using R = Result<QJsonObject>;
    const auto productIndex = [&]() -> int {
        const qint64 id = args.value(QStringLiteral("product_id")).toInteger(-1);
        return m_products.indexOfId(id);
    };
    if (name == QLatin1String("search_inventory")) {
        const QString query = args.value(QStringLiteral("query")).toString().trimmed();
        if (query.isEmpty())
            return R::failure(QStringLiteral("search_inventory needs a query"));
        return searchInventory(query,
                               std::clamp(args.value(QStringLiteral("limit")).toInt(5), 1, 10));
    }
    if (name == QLatin1String("check_stock") || name == QLatin1String("suggest_substitute")) {
        const int index = productIndex();
        if (index < 0)
            return R::failure(name +
                              QStringLiteral(" needs the product_id of a product of this store"));
        return name == QLatin1String("check_stock") ? checkStock(index) : suggestSubstitute(index);
    }
    if (name == QLatin1String("order_status"))
        return orderStatus(contactId);
    if (name == QLatin1String("customer_balance"))
        return customerBalance(contactId);
    if (name == QLatin1String("schedule_reminder")) {
        const QJsonValue days = args.value(QStringLiteral("in_days"));
        if (!days.isDouble())
            return R::failure(QStringLiteral("schedule_reminder needs in_days, a number"));
        return scheduleReminder(contactId, conversationId, days.toInt());
    }
    if (name == QLatin1String("business_info")) {
        const QString topic = args.value(QStringLiteral("topic")).toString();
        if (topic != QLatin1String("hours") && topic != QLatin1String("location") &&
            topic != QLatin1String("delivery"))
            return R::failure(
                QStringLiteral("business_info needs topic: hours, location or delivery"));
        return businessInfo(topic);
    }
    return R::failure(QStringLiteral("there is no tool called %1").arg(name));
}

} // namespace shopdesk
