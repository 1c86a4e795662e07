#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>

namespace shopdesk {

class ProductMatcher;
class Store;

// The owner's own WhatsApp number(s) (the store setting owner.numbers: numbers separated by
// commas, in any format): a message from one is a command for OwnerCommands, answered as the
// store's owner, not a customer's message for the bot. On the database thread.
class OwnerLine
{
public:
    static inline const QString NumbersSetting = QStringLiteral("owner.numbers");

    // Whether this customer's number is one of the owner's.
    static Result<bool> isOwner(Store &store, qint64 tenantId, qint64 contactId,
                                const QMap<QString, QString> &settings);
    // Carries out the command as the store's (first) owner; `context` is the chat's memory of
    // the owner's conversation, updated. The reply, in words.
    static Result<QString> answer(Store &store, qint64 tenantId, QJsonObject &context,
                                  const QString &text, const QDateTime &now, QJsonObject &trace,
                                  const ProductMatcher *products);
};

} // namespace shopdesk
