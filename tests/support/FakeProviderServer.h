#pragma once

#include "net/HttpServer.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <deque>
#include <memory>

namespace shopdesk::test {

// A provider's HTTP API on 127.0.0.1, speaking its real protocol: Meta's Graph API, Twilio's
// Messages API or Evolution's REST API. It records every request and answers with a scripted
// response when one is queued (errors, Retry-After, no answer at all), or with the provider's
// normal success otherwise.
class FakeProviderServer : public QObject
{
    Q_OBJECT
public:
    enum class Provider { Meta, Twilio, Evolution };

    struct Recorded
    {
        QByteArray method;
        QString path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QDateTime at;
        QByteArray header(const QByteArray &name) const;
    };

    struct Scripted
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool neverAnswer = false; // hold the request until the client gives up
    };

    explicit FakeProviderServer(Provider provider, QObject *parent = nullptr);
    quint16 start(quint16 port = 0); // 0: any free port
    QString baseUrl() const;

    void script(const Scripted &response) { m_script.push_back(response); }
    // Convenience errors in each provider's format.
    static Scripted metaError(int http, int code, const QString &message);
    static Scripted twilioError(int http, int code, const QString &message);

    const QList<Recorded> &requests() const { return m_requests; }
    QList<Recorded> sends() const;     // the message-send requests only
    QList<Recorded> readMarks() const; // Meta's mark-as-read (with typing indicator) calls
    int sendCount() const { return m_sendCount; }
    void setMedia(const QByteArray &data, const QByteArray &mime);
    void setAnswerDelayMs(int ms) { m_delayMs = ms; } // answers sends this much later

Q_SIGNALS:
    void requested(const shopdesk::test::FakeProviderServer::Recorded &request);

private:
    void handle(const HttpRequest &request, HttpReply reply);
    HttpResponse success(const HttpRequest &request);

    Provider m_provider;
    HttpServer m_server;
    std::deque<Scripted> m_script;
    QList<Recorded> m_requests;
    std::vector<std::unique_ptr<HttpReply>> m_held;
    static bool isSend(const QByteArray &method, const QString &path);
    static bool isReadMark(const Recorded &r);
    int m_counter = 0;
    int m_sendCount = 0;
    int m_delayMs = 0;
    QByteArray m_media;
    QByteArray m_mediaMime;
};

} // namespace shopdesk::test
