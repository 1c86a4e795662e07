#include "ai/EndpointFailure.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace shopdesk {

QString endpointFailure(QNetworkReply *reply, const QByteArray &body, const QString &server,
                        int timeoutMs)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::OperationCanceledError ||
        reply->error() == QNetworkReply::TimeoutError)
        return QStringLiteral("%1 did not answer within %2 s")
            .arg(server)
            .arg(std::max(1, timeoutMs / 1000));
    if (status == 401 || status == 403)
        return QStringLiteral("%1 refused the API key").arg(server);
    if (status == 429)
        return QStringLiteral("%1 is rate limiting us; try again shortly").arg(server);
    if (status == 0) {
        QString named = server;
        if (!named.isEmpty())
            named[0] = named.at(0).toLower();
        return QStringLiteral("Cannot reach %1: %2").arg(named, reply->errorString());
    }
    if (status >= 200 && status < 300)
        return {};
    const QString message = QJsonDocument::fromJson(body)
                                .object()
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    return QStringLiteral("%1 answered %2%3")
        .arg(server)
        .arg(status)
        .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
}

} // namespace shopdesk
