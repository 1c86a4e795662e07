#include "agent/ModelToolSchemas.h"

#include <QJsonDocument>

#include <cmath>

namespace shopdesk {

namespace {

QJsonObject property(const char *type, const char *description)
{
    return {{QStringLiteral("type"), QString::fromLatin1(type)},
            {QStringLiteral("description"), QString::fromUtf8(description)}};
}

QJsonObject ranged(QJsonObject p, double minimum, double maximum)
{
    p.insert(QStringLiteral("minimum"), minimum);
    p.insert(QStringLiteral("maximum"), maximum);
    return p;
}

QJsonObject tool(const char *name, const char *description, const QJsonObject &properties,
                 const QStringList &required)
{
    QJsonObject parameters{{QStringLiteral("type"), QStringLiteral("object")},
                           {QStringLiteral("properties"), properties},
                           {QStringLiteral("additionalProperties"), false}};
    parameters.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return {{QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"),
             QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                         {QStringLiteral("description"), QString::fromUtf8(description)},
                         {QStringLiteral("parameters"), parameters}}}};
}

const QJsonArray &all()
{
    static const QJsonArray tools = [] {
        const QJsonObject productId =
            ranged(property("integer", "product_id from a search_inventory result"), 1, 9.0e15);
        QJsonObject topic = property("string", "what the customer asks about");
        topic.insert(QStringLiteral("enum"),
                     QJsonArray{QStringLiteral("hours"), QStringLiteral("location"),
                                QStringLiteral("delivery")});
        return QJsonArray{
            tool("search_inventory",
                 "Find products of this store by name, brand or kind; returns product_id, "
                 "name, unit, price and whether it is in stock.",
                 {{QStringLiteral("query"), property("string", "what the customer is looking for")},
                  {QStringLiteral("limit"),
                   ranged(property("integer", "how many products, 1 to 10"), 1, 10)}},
                 {QStringLiteral("query")}),
            tool("check_stock", "Whether a product is in stock, and its price.",
                 {{QStringLiteral("product_id"), productId}}, {QStringLiteral("product_id")}),
            tool("suggest_substitute",
                 "In-stock products that can replace one that is out of stock.",
                 {{QStringLiteral("product_id"), productId}}, {QStringLiteral("product_id")}),
            tool("add_to_cart",
                 "Put a product in the customer's cart. The customer is then asked to confirm "
                 "the order; only their confirmation places it.",
                 {{QStringLiteral("product_id"), productId},
                  {QStringLiteral("quantity"),
                   ranged(property("number", "how many packs"), 0.001, 1000)}},
                 {QStringLiteral("product_id"), QStringLiteral("quantity")}),
            tool("order_status", "The customer's latest order: number, status, total, lines.", {},
                 {}),
            tool("customer_balance", "What the customer owes the store.", {}, {}),
            tool("schedule_reminder", "Remind the customer of what they owe, in a number of days.",
                 {{QStringLiteral("in_days"),
                   ranged(property("integer", "days from now, 0 to 60"), 0, 60)}},
                 {QStringLiteral("in_days")}),
            tool("business_info", "The store's hours, address, or delivery areas and charges.",
                 {{QStringLiteral("topic"), topic}}, {QStringLiteral("topic")}),
            tool("answer_from_knowledge",
                 "Search the store's own documents and FAQs (policies, returns, payment "
                 "methods) for the answer to a question.",
                 {{QStringLiteral("question"), property("string", "the question")}},
                 {QStringLiteral("question")}),
            tool("escalate_to_human",
                 "Hand the chat to a person at the store when you cannot help, the customer "
                 "asks for a person, or is unhappy.",
                 {{QStringLiteral("reason"), property("string", "why, for the store's staff")}},
                 {QStringLiteral("reason")}),
        };
    }();
    return tools;
}

QString typeError(const QString &tool, const QString &field, const QJsonObject &schema,
                  const QJsonValue &value)
{
    const QString type = schema.value(QStringLiteral("type")).toString();
    const auto wrong = [&] {
        return QStringLiteral("%1: %2 must be %3")
            .arg(tool, field,
                 type == QLatin1String("integer")  ? QStringLiteral("a whole number")
                 : type == QLatin1String("number") ? QStringLiteral("a number")
                                                   : QStringLiteral("a string"));
    };
    if (type == QLatin1String("string")) {
        if (!value.isString() || value.toString().trimmed().isEmpty())
            return wrong() + QStringLiteral(" that is not empty");
        const QJsonArray allowed = schema.value(QStringLiteral("enum")).toArray();
        if (!allowed.isEmpty() && !allowed.contains(value))
            return QStringLiteral("%1: %2 must be one of %3")
                .arg(tool, field,
                     QString::fromUtf8(QJsonDocument(allowed).toJson(QJsonDocument::Compact)));
        return {};
    }
    if (!value.isDouble())
        return wrong();
    const double x = value.toDouble();
    if (type == QLatin1String("integer") && x != std::floor(x))
        return wrong();
    const double lo = schema.value(QStringLiteral("minimum")).toDouble(-HUGE_VAL);
    const double hi = schema.value(QStringLiteral("maximum")).toDouble(HUGE_VAL);
    if (x < lo || x > hi)
        return QStringLiteral("%1: %2 must be between %3 and %4")
            .arg(tool, field, QString::number(lo), QString::number(hi));
    return {};
}

} // namespace

QJsonArray ModelToolSchemas::tools()
{
    return all();
}

QStringList ModelToolSchemas::names()
{
    QStringList list;
    for (const QJsonValue &t : all())
        list << t[QStringLiteral("function")][QStringLiteral("name")].toString();
    return list;
}

Result<QJsonObject> ModelToolSchemas::validate(const QString &name, const QJsonValue &arguments)
{
    return validateAgainst(all(), name, arguments);
}

QJsonObject ModelToolSchemas::tool(const QString &name, const QString &description,
                                   const QJsonObject &properties, const QStringList &required)
{
    return shopdesk::tool(name.toLatin1().constData(), description.toUtf8().constData(), properties,
                          required);
}

Result<QJsonObject> ModelToolSchemas::validateAgainst(const QJsonArray &tools, const QString &name,
                                                      const QJsonValue &arguments)
{
    using R = Result<QJsonObject>;
    QJsonObject parameters;
    QStringList known;
    for (const QJsonValue &t : tools) {
        const QJsonObject f = t[QStringLiteral("function")].toObject();
        known << f.value(QStringLiteral("name")).toString();
        if (f.value(QStringLiteral("name")).toString() == name)
            parameters = f.value(QStringLiteral("parameters")).toObject();
    }
    if (parameters.isEmpty())
        return R::failure(QStringLiteral("there is no tool called \"%1\"; the tools are: %2")
                              .arg(name, known.join(QStringLiteral(", "))));
    QJsonObject args;
    if (arguments.isObject()) {
        args = arguments.toObject();
    } else if (arguments.isString()) {
        const QString text = arguments.toString().trimmed();
        if (!text.isEmpty()) {
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (!doc.isObject())
                return R::failure(QStringLiteral("%1: the arguments are not a JSON object (%2)")
                                      .arg(name, error.error != QJsonParseError::NoError
                                                     ? error.errorString()
                                                     : QStringLiteral("got another JSON value")));
            args = doc.object();
        }
    } else if (!arguments.isNull() && !arguments.isUndefined()) {
        return R::failure(QStringLiteral("%1: the arguments are not a JSON object").arg(name));
    }
    const QJsonObject properties = parameters.value(QStringLiteral("properties")).toObject();
    for (const QJsonValue &required : parameters.value(QStringLiteral("required")).toArray()) {
        if (!args.contains(required.toString()))
            return R::failure(QStringLiteral("%1: %2 is required").arg(name, required.toString()));
    }
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!properties.contains(it.key()))
            return R::failure(
                QStringLiteral("%1: there is no argument called %2").arg(name, it.key()));
        const QString problem =
            typeError(name, it.key(), properties.value(it.key()).toObject(), it.value());
        if (!problem.isEmpty())
            return R::failure(problem);
    }
    return args;
}

} // namespace shopdesk
