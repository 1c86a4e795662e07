#pragma once

#include "net/HttpServer.h"

#include <QHash>
#include <QObject>

#include <deque>

namespace shopdesk::test {

// An OpenAI-compatible transcription server on 127.0.0.1: POST /v1/audio/transcriptions with
// multipart/form-data (file, model, response_format, ...), answering like whisper.cpp's server
// and OpenAI (verbose_json with segments, or json). Transcripts are scripted; each request's
// fields and file are kept for the test to check. A key, when set, must come as a Bearer token.
class FakeTranscriptionServer : public QObject
{
    Q_OBJECT
public:
    struct Scripted
    {
        int status = 200;
        QString text;
        double avgLogprob = -0.15; // a clear recording
        double noSpeechProb = 0.01;
        bool refuseVerbose = false; // answer 400 to verbose_json, like some OpenAI models
    };
    struct Part
    {
        QByteArray fileName; // for the file part
        QByteArray contentType;
        QByteArray body;
    };
    struct Recorded
    {
        QByteArray contentType;
        QByteArray authorization;
        QHash<QByteArray, Part> parts; // by field name
    };

    explicit FakeTranscriptionServer(QObject *parent = nullptr);
    quint16 start();
    QString baseUrl() const; // http://127.0.0.1:port/v1

    void setKey(const QByteArray &key) { m_key = key; }
    void script(const Scripted &s) { m_script.push_back(s); }
    const QList<Recorded> &requests() const { return m_requests; }

    // The parts of a multipart/form-data body (RFC 7578), by name; empty when it is not one.
    static QHash<QByteArray, Part> parseMultipart(const QByteArray &contentType,
                                                  const QByteArray &body);

private:
    void handle(const HttpRequest &request, HttpReply reply);

    HttpServer m_server;
    QByteArray m_key;
    std::deque<Scripted> m_script;
    QList<Recorded> m_requests;
};

} // namespace shopdesk::test
