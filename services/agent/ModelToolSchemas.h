#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

// The bot's tools as a language model sees them: OpenAI "function" tools with JSON-schema
// parameters, and the check that a model's call matches them before anything runs. The model
// gets the same tools the deterministic bot uses (ShopTools), plus add_to_cart,
// answer_from_knowledge and escalate_to_human, which are steps of the turn itself.
class ModelToolSchemas
{
public:
    static QJsonArray tools();
    static QStringList names();

    // A call's arguments as the model sent them (a JSON string, or an object from servers that
    // send one), checked against the tool's schema: unknown tool, arguments that are not a JSON
    // object, a missing required field, a wrong type, a value out of range or not among the
    // allowed ones, an unknown field. The error says which, so the model can correct itself.
    static Result<QJsonObject> validate(const QString &name, const QJsonValue &arguments);
    // The same check against another set of tools.
    static Result<QJsonObject> validateAgainst(const QJsonArray &tools, const QString &name,
                                               const QJsonValue &arguments);
    // The function tool for a set of JSON-schema properties (no other properties allowed).
    static QJsonObject tool(const QString &name, const QString &description,
                            const QJsonObject &properties, const QStringList &required);
};

} // namespace shopdesk
