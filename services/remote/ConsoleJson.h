#pragma once

#include "domain/Conversation.h"
#include "domain/ExecutionTrace.h"
#include "domain/Message.h"
#include "domain/Operator.h"
#include "domain/Product.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

// The remote console's wire format: the domain's value structs as JSON objects, both ways.
// Times travel as UTC ISO 8601 with milliseconds; unknown fields are ignored, missing ones keep
// the struct's defaults, so either side may be newer.
class ConsoleJson
{
public:
    static QJsonObject toJson(const Conversation &c);
    static QJsonObject toJson(const ConversationSummary &s);
    static QJsonObject toJson(const Message &m);
    static QJsonObject toJson(const Operator &op);
    static QJsonObject toJson(const Product &p);
    static QJsonObject toJson(const ExecutionTrace &t);

    static Conversation conversation(const QJsonObject &o);
    static ConversationSummary summary(const QJsonObject &o);
    static Message message(const QJsonObject &o);
    static Operator person(const QJsonObject &o);
    static Product product(const QJsonObject &o);
    static ExecutionTrace trace(const QJsonObject &o);

    template<typename T> static QJsonArray array(const QList<T> &items)
    {
        QJsonArray out;
        for (const T &item : items)
            out.append(toJson(item));
        return out;
    }
    template<typename T, typename F> static QList<T> list(const QJsonValue &value, F from)
    {
        QList<T> out;
        for (const QJsonValue &v : value.toArray())
            out.append(from(v.toObject()));
        return out;
    }

    static QString time(const QDateTime &t);
    static QDateTime time(const QJsonValue &v);
};

} // namespace shopdesk
