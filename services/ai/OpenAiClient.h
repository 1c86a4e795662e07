#pragma once

#include "ai/ModelEndpoint.h"
#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QVector>

#include <functional>

class QNetworkAccessManager;

namespace shopdesk {

// Calls to an OpenAI-compatible server: /embeddings and /chat/completions (non-streaming, with
// tools). Each call has the endpoint's time limit; failures come back as reasons a store owner
// understands ("the model server did not answer in 10 s", "the key was refused"). The key goes
// only in the Authorization header and never into a log line.
class OpenAiClient : public QObject
{
    Q_OBJECT
public:
    explicit OpenAiClient(QNetworkAccessManager &network, QObject *parent = nullptr);

    using Vectors = QList<QVector<float>>;
    void embed(const ModelEndpoint &endpoint, const QStringList &texts,
               std::function<void(Result<Vectors>)> done);
    // The assistant message of the first choice ({"content": ..., "tool_calls": [...]}).
    void chat(const ModelEndpoint &endpoint, const QJsonArray &messages, const QJsonArray &tools,
              std::function<void(Result<QJsonObject>)> done);

private:
    void post(const ModelEndpoint &endpoint, const QString &operation, const QJsonObject &body,
              std::function<void(Result<QJsonObject>)> done);
    QNetworkAccessManager &m_network;
};

} // namespace shopdesk
