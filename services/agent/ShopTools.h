#pragma once

#include "catalog/ProductMatcher.h"
#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace shopdesk {

class Store;

// The bot's tools over one store, on the database thread. Each returns a JSON result that goes
// into the execution trace as it is, and is what a language model would be given:
// search_inventory, check_stock, suggest_substitute, order_status, customer_balance,
// schedule_reminder, business_info. (Cart and order actions, answer_from_knowledge and
// escalate_to_human are the turn's own steps.)
class ShopTools
{
public:
    ShopTools(Store &store, qint64 tenantId, const ProductMatcher &products,
              QMap<QString, QString> settings);

    static QStringList names();
    // Runs a tool by name with JSON arguments; unknown tools and bad arguments are errors.
    Result<QJsonObject> call(const QString &name, const QJsonObject &arguments, qint64 contactId,
                             qint64 conversationId);

    QJsonObject searchInventory(const QString &query, int limit = 5) const;
    // search_inventory's result for candidates the caller already has.
    QJsonObject searchResult(const QString &query,
                             const QList<ProductMatcher::Candidate> &candidates) const;
    QJsonObject checkStock(int productIndex) const;
    QJsonObject suggestSubstitute(int productIndex) const;
    Result<QJsonObject> orderStatus(qint64 contactId) const;
    Result<QJsonObject> customerBalance(qint64 contactId) const;
    Result<QJsonObject> scheduleReminder(qint64 contactId, qint64 conversationId, int inDays) const;
    // schedule_reminder without the inventory: a reminder of what the customer owes now.
    static Result<QJsonObject> addPaymentReminder(Store &store, qint64 tenantId,
                                                  const QMap<QString, QString> &settings,
                                                  qint64 contactId, qint64 conversationId,
                                                  int inDays);
    QJsonObject businessInfo(const QString &topic) const; // hours, location, delivery

    QJsonObject productJson(int productIndex) const;
    QString money(qint64 minor) const; // in the store's currency: "₹56", "₹56.50"
    static QString formatMoney(qint64 minor, const QString &currency);
    // "A reminder from <store>: <amount> is due on your account."
    static QString reminderText(const QMap<QString, QString> &settings, qint64 amountMinor);
    const QMap<QString, QString> &settings() const { return m_settings; }

private:
    Store &m_store;
    qint64 m_tenantId;
    const ProductMatcher &m_products;
    QMap<QString, QString> m_settings;
};

} // namespace shopdesk
