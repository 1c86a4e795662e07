#include "FakeModelServer.h"

#include "OpenAiReplies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

#include <cmath>

namespace shopdesk::test {

FakeModelServer::FakeModelServer(QObject *parent)
    : QObject(parent)
{
    m_server.setHandler(
        [this](const HttpRequest &request, HttpReply reply) { handle(request, std::move(reply)); });
}

quint16 FakeModelServer::start()
{
    auto port = m_server.listen(QHostAddress::LocalHost, 0);
    return port ? port.value() : 0;
}

QString FakeModelServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.port());
}

QJsonObject FakeModelServer::toolCalls(const QList<QPair<QString, QString>> &calls)
{
    QJsonArray list;
    int n = 0;
    for (const auto &[name, arguments] : calls)
        list.append(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("call_%1").arg(++n)},
            {QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("arguments"), arguments}}}});
    return {{QStringLiteral("role"), QStringLiteral("assistant")},
            {QStringLiteral("content"), QJsonValue()},
            {QStringLiteral("tool_calls"), list}};
}

int FakeModelServer::count(const QString &pathEnd) const
{
    int n = 0;
    for (const Recorded &r : m_requests)
        n += r.path.endsWith(pathEnd) ? 1 : 0;
    return n;
}

QVector<float> FakeModelServer::embedding(const QString &text) const
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QVector<float> v(64, 0.0f);
    for (const QString &word : text.toLower().split(separators, Qt::SkipEmptyParts)) {
        if (word.size() < 3)
            continue;
        const QString meaning = m_concepts.value(word, word);
        v[int(qHash(meaning, 7) % 64)] += 1.0f;
    }
    return v;
}

void FakeModelServer::handle(const HttpRequest &request, HttpReply reply)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    m_requests.append({request.path(), request.header("authorization"), body});
    if (!m_key.isEmpty() && request.header("authorization") != "Bearer " + m_key)
        return reply.send(openAiError(401, QStringLiteral("Incorrect API key provided.")));
    if (request.method != "POST")
        return reply.send(openAiError(405, QStringLiteral("POST only")));
    if (request.path() == QLatin1String("/v1/embeddings")) {
        if (m_embeddingStatus != 200)
            return reply.send(
                openAiError(m_embeddingStatus, QStringLiteral("embeddings unavailable")));
        QJsonArray data;
        const QJsonValue input = body.value(QStringLiteral("input"));
        const QJsonArray inputs = input.isArray() ? input.toArray() : QJsonArray{input};
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            QJsonArray values;
            for (float x : embedding(inputs.at(i).toString()))
                values.append(double(x));
            data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")},
                                    {QStringLiteral("index"), int(i)},
                                    {QStringLiteral("embedding"), values}});
        }
        return reply.send(
            openAiJson(200, {{QStringLiteral("object"), QStringLiteral("list")},
                             {QStringLiteral("data"), data},
                             {QStringLiteral("model"), body.value(QStringLiteral("model"))}}));
    }
    if (request.path() != QLatin1String("/v1/chat/completions"))
        return reply.send(openAiError(404, QStringLiteral("unknown path")));
    Scripted s;
    if (!m_script.empty()) {
        s = m_script.front();
        m_script.pop_front();
    } else {
        s.content = m_unscriptedContent;
        s.delayMs = m_unscriptedDelayMs;
    }
    if (s.neverAnswer) {
        m_held.push_back(std::make_unique<HttpReply>(std::move(reply)));
        return;
    }
    QJsonObject message = s.message;
    if (message.isEmpty())
        message = {{QStringLiteral("role"), QStringLiteral("assistant")},
                   {QStringLiteral("content"), s.content}};
    const HttpResponse answer =
        s.status != 200
            ? openAiError(s.status, QStringLiteral("scripted failure"))
            : openAiJson(200,
                         {{QStringLiteral("id"), QStringLiteral("chatcmpl-fake")},
                          {QStringLiteral("object"), QStringLiteral("chat.completion")},
                          {QStringLiteral("choices"),
                           QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                  {QStringLiteral("message"), message},
                                                  {QStringLiteral("finish_reason"),
                                                   message.contains(QStringLiteral("tool_calls"))
                                                       ? QStringLiteral("tool_calls")
                                                       : QStringLiteral("stop")}}}}});
    if (s.delayMs > 0) {
        auto held = std::make_shared<HttpReply>(std::move(reply));
        QTimer::singleShot(s.delayMs, this, [held, answer] { held->send(answer); });
        return;
    }
    reply.send(answer);
}

} // namespace shopdesk::test
