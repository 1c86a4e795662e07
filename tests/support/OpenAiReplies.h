#pragma once

#include "net/HttpRequest.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk::test {

// Answers as OpenAI-compatible servers give them, for the fake model and transcription servers.
inline HttpResponse openAiJson(int status, const QJsonObject &body)
{
    return {status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

// {"error": {"message": ..., "type": "invalid_request"}}
inline HttpResponse openAiError(int status, const QString &message)
{
    return openAiJson(status,
                      {{QStringLiteral("error"),
                        QJsonObject{{QStringLiteral("message"), message},
                                    {QStringLiteral("type"), QStringLiteral("invalid_request")}}}});
}

} // namespace shopdesk::test
