#pragma once

#include <QByteArray>
#include <QString>

class QNetworkReply;

namespace shopdesk {

// Why an OpenAI-compatible server's answer is not a success, in words a store owner
// understands: no answer in time, a refused key, rate limiting, no connection, or the status
// with the server's own message. `server` names it ("The model server (127.0.0.1)"); the
// sentence has no full stop, so callers can put it inside their own. Empty for a 2xx answer.
QString endpointFailure(QNetworkReply *reply, const QByteArray &body, const QString &server,
                        int timeoutMs);

} // namespace shopdesk
