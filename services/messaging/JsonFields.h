#pragma once

#include "core/Result.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace shopdesk::json {

// A field of a provider's JSON as text: strings as they are, numbers (ids, timestamps and codes
// some providers send unquoted) as integers.
inline QString str(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return v.toString();
}

inline QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

// A webhook body as a JSON object, or why it is not one.
inline Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<QJsonObject>::failure(
            QStringLiteral("The body is not valid JSON (%1 at byte %2).")
                .arg(error.errorString())
                .arg(error.offset));
    if (!doc.isObject())
        return Result<QJsonObject>::failure(QStringLiteral("The body is not a JSON object."));
    return doc.object();
}

} // namespace shopdesk::json
