#include "ai/ModelEndpoint.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

QUrl ModelEndpoint::url(const QString &operation) const
{
    QUrl u(baseUrl.trimmed());
    QString path = u.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.isEmpty())
        path = QStringLiteral("/v1");
    u.setPath(path + QLatin1Char('/') + operation);
    return u;
}

ModelEndpoint ModelEndpoint::fromJson(const QString &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    ModelEndpoint e;
    e.baseUrl = o.value(QStringLiteral("base_url")).toString();
    e.model = o.value(QStringLiteral("model")).toString();
    e.apiKey = o.value(QStringLiteral("api_key")).toString();
    e.timeoutMs = std::clamp(o.value(QStringLiteral("timeout_ms")).toInt(10000), 500, 120000);
    return e;
}

QString ModelEndpoint::toJson() const
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("base_url"), baseUrl},
                                                       {QStringLiteral("model"), model},
                                                       {QStringLiteral("api_key"), apiKey},
                                                       {QStringLiteral("timeout_ms"), timeoutMs}})
                                 .toJson(QJsonDocument::Compact));
}

} // namespace shopdesk
