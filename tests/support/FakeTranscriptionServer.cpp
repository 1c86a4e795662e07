#include "FakeTranscriptionServer.h"

#include "OpenAiReplies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace shopdesk::test {

namespace {

QByteArray headerValue(const QByteArray &headers, const QByteArray &name)
{
    for (const QByteArray &line : headers.split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray parameter(const QByteArray &header, const QByteArray &name)
{
    const QRegularExpression re(QStringLiteral("%1=\"([^\"]*)\"").arg(QString::fromLatin1(name)));
    const auto m = re.match(QString::fromUtf8(header));
    return m.hasMatch() ? m.captured(1).toUtf8() : QByteArray();
}

} // namespace

FakeTranscriptionServer::FakeTranscriptionServer(QObject *parent)
    : QObject(parent)
{
    m_server.setHandler(
        [this](const HttpRequest &request, HttpReply reply) { handle(request, std::move(reply)); });
}

quint16 FakeTranscriptionServer::start()
{
    auto port = m_server.listen(QHostAddress::LocalHost, 0);
    return port ? port.value() : 0;
}

QString FakeTranscriptionServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.port());
}

QHash<QByteArray, FakeTranscriptionServer::Part>
FakeTranscriptionServer::parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    QHash<QByteArray, Part> parts;
    const int at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0)
        return parts;
    QByteArray boundary = contentType.mid(at + 9).trimmed();
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = QByteArray("--") + boundary;
    const QByteArray separator = QByteArray("\r\n") + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break; // the closing delimiter
        pos += 2;  // CRLF after the delimiter
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        const qsizetype next = body.indexOf(separator, pos);
        if (headersEnd < 0 || next < 0)
            break;
        const QByteArray headers = body.mid(pos, headersEnd - pos);
        const QByteArray disposition = headerValue(headers, "Content-Disposition");
        Part part;
        part.fileName = parameter(disposition, "filename");
        part.contentType = headerValue(headers, "Content-Type");
        part.body = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts.insert(parameter(disposition, "name"), part);
        pos = next + 2;
    }
    return parts;
}

void FakeTranscriptionServer::handle(const HttpRequest &request, HttpReply reply)
{
    Recorded r;
    r.contentType = request.header("content-type");
    r.authorization = request.header("authorization");
    r.parts = parseMultipart(r.contentType, request.body);
    m_requests.append(r);
    if (!m_key.isEmpty() && r.authorization != "Bearer " + m_key)
        return reply.send(openAiError(401, QStringLiteral("Incorrect API key provided.")));
    if (request.method != "POST" || request.path() != QLatin1String("/v1/audio/transcriptions"))
        return reply.send(openAiError(404, QStringLiteral("unknown path")));
    if (!r.parts.contains("file") || !r.parts.contains("model"))
        return reply.send(openAiError(400, QStringLiteral("file and model are required")));
    Scripted s;
    if (!m_script.empty()) {
        s = m_script.front();
        m_script.pop_front();
    }
    if (s.status != 200)
        return reply.send(openAiError(s.status, QStringLiteral("scripted failure")));
    const QByteArray format = r.parts.value("response_format").body;
    if (format == "verbose_json" && s.refuseVerbose)
        return reply.send(openAiError(400, QStringLiteral("response_format 'verbose_json' is not "
                                                          "compatible with this model")));
    if (format != "verbose_json")
        return reply.send(openAiJson(200, {{QStringLiteral("text"), s.text}}));
    const QJsonObject segment{{QStringLiteral("id"), 0},
                              {QStringLiteral("seek"), 0},
                              {QStringLiteral("start"), 0.0},
                              {QStringLiteral("end"), 2.4},
                              {QStringLiteral("text"), s.text},
                              {QStringLiteral("tokens"), QJsonArray{50364, 17, 1645}},
                              {QStringLiteral("temperature"), 0.0},
                              {QStringLiteral("avg_logprob"), s.avgLogprob},
                              {QStringLiteral("compression_ratio"), 1.1},
                              {QStringLiteral("no_speech_prob"), s.noSpeechProb}};
    reply.send(openAiJson(200, {{QStringLiteral("task"), QStringLiteral("transcribe")},
                                {QStringLiteral("language"), QStringLiteral("english")},
                                {QStringLiteral("duration"), 2.4},
                                {QStringLiteral("text"), s.text},
                                {QStringLiteral("segments"), QJsonArray{segment}}}));
}

} // namespace shopdesk::test
