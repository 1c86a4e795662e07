#pragma once

#include "net/HttpServer.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <deque>
#include <memory>

namespace shopdesk::test {

// An OpenAI-compatible model server on 127.0.0.1: /v1/embeddings and /v1/chat/completions with
// the real request and response shapes. Embeddings are deterministic bags of "concepts": each
// word maps to its concept (setConcepts) or to itself, hashed into 64 dimensions, so texts that
// share meaning but not words ("gpay" and "UPI") come out close. Chat answers are scripted;
// without a script the reply cites passage [1]. A key, when set, must come as a Bearer token.
class FakeModelServer : public QObject
{
    Q_OBJECT
public:
    struct Scripted
    {
        int status = 200;
        QString content;     // the assistant's text
        QJsonObject message; // or a whole assistant message (tool calls), when not empty
        int delayMs = 0;
        bool neverAnswer = false;
    };
    struct Recorded
    {
        QString path;
        QByteArray authorization;
        QJsonObject body;
    };

    explicit FakeModelServer(QObject *parent = nullptr);
    quint16 start();
    QString baseUrl() const; // http://127.0.0.1:port/v1

    void setKey(const QByteArray &key) { m_key = key; }
    void setConcepts(const QHash<QString, QString> &concepts) { m_concepts = concepts; }
    void script(const Scripted &s) { m_script.push_back(s); }
    void clearScript() { m_script.clear(); }
    // The answer when nothing is scripted (by default at once, citing passage [1]).
    void setUnscripted(const QString &content, int delayMs)
    {
        m_unscriptedContent = content;
        m_unscriptedDelayMs = delayMs;
    }
    int scriptLeft() const { return int(m_script.size()); }
    // An assistant message that calls tools: (name, arguments as the model wrote them).
    static QJsonObject toolCalls(const QList<QPair<QString, QString>> &calls);
    void failEmbeddings(int status) { m_embeddingStatus = status; }
    const QList<Recorded> &requests() const { return m_requests; }
    int count(const QString &pathEnd) const;
    QVector<float> embedding(const QString &text) const;

private:
    void handle(const HttpRequest &request, HttpReply reply);

    HttpServer m_server;
    QByteArray m_key;
    QHash<QString, QString> m_concepts;
    std::deque<Scripted> m_script;
    QString m_unscriptedContent = QStringLiteral("Here is what the shop says [1].");
    int m_unscriptedDelayMs = 0;
    QList<Recorded> m_requests;
    std::vector<std::unique_ptr<HttpReply>> m_held;
    int m_embeddingStatus = 200;
};

} // namespace shopdesk::test
