#include "ai/OpenAiClient.h"

#include "ai/EndpointFailure.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace shopdesk {

OpenAiClient::OpenAiClient(QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

void OpenAiClient::post(const ModelEndpoint &endpoint, const QString &operation,
                        const QJsonObject &body, std::function<void(Result<QJsonObject>)> done)
{
    using R = Result<QJsonObject>;
    QNetworkRequest request(endpoint.url(operation));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!endpoint.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + endpoint.apiKey.toUtf8());
    request.setTransferTimeout(endpoint.timeoutMs);
    QNetworkReply *reply =
        m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    const QString server = QStringLiteral("The model server (%1)").arg(request.url().host());
    const int timeoutMs = endpoint.timeoutMs;
    connect(reply, &QNetworkReply::finished, this,
            [reply, done = std::move(done), server, timeoutMs] {
                reply->deleteLater();
                const QByteArray bytes = reply->readAll();
                if (const QString failed = endpointFailure(reply, bytes, server, timeoutMs);
                    !failed.isEmpty())
                    return done(R::failure(failed + QLatin1Char('.')));
                const QJsonDocument json = QJsonDocument::fromJson(bytes);
                if (!json.isObject())
                    return done(
                        R::failure(server + QStringLiteral(" sent an answer that is not JSON.")));
                done(json.object());
            });
}

void OpenAiClient::embed(const ModelEndpoint &endpoint, const QStringList &texts,
                         std::function<void(Result<Vectors>)> done)
{
    using R = Result<Vectors>;
    const qsizetype count = texts.size();
    post(endpoint, QStringLiteral("embeddings"),
         QJsonObject{{QStringLiteral("model"), endpoint.model},
                     {QStringLiteral("input"), QJsonArray::fromStringList(texts)}},
         [done = std::move(done), count](Result<QJsonObject> answer) {
             if (!answer)
                 return done(R::failure(answer.error()));
             const QJsonArray data = answer->value(QStringLiteral("data")).toArray();
             Vectors vectors(count);
             int filled = 0;
             for (const QJsonValue &item : data) {
                 const QJsonObject o = item.toObject();
                 const int index = o.value(QStringLiteral("index")).toInt(-1);
                 const QJsonArray values = o.value(QStringLiteral("embedding")).toArray();
                 if (index < 0 || index >= count || values.isEmpty() ||
                     !vectors.at(index).isEmpty())
                     continue;
                 QVector<float> v;
                 v.reserve(values.size());
                 for (const QJsonValue &x : values)
                     v.append(float(x.toDouble()));
                 vectors[index] = std::move(v);
                 ++filled;
             }
             if (filled != count)
                 return done(R::failure(QStringLiteral("The embeddings server sent %1 vectors "
                                                       "for %2 texts.")
                                            .arg(filled)
                                            .arg(count)));
             done(std::move(vectors));
         });
}

void OpenAiClient::chat(const ModelEndpoint &endpoint, const QJsonArray &messages,
                        const QJsonArray &tools, std::function<void(Result<QJsonObject>)> done)
{
    using R = Result<QJsonObject>;
    QJsonObject body{{QStringLiteral("model"), endpoint.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("temperature"), 0}};
    if (!tools.isEmpty())
        body.insert(QStringLiteral("tools"), tools);
    post(endpoint, QStringLiteral("chat/completions"), body,
         [done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer)
                 return done(R::failure(answer.error()));
             const QJsonObject message = answer->value(QStringLiteral("choices"))
                                             .toArray()
                                             .first()
                                             .toObject()
                                             .value(QStringLiteral("message"))
                                             .toObject();
             if (message.isEmpty())
                 return done(R::failure(QStringLiteral("The model server sent no message.")));
             done(message);
         });
}

} // namespace shopdesk
