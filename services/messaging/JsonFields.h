#pragma once

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

} // namespace shopdesk::json
