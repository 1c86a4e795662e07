#pragma once

#include "messaging/FormBody.h"

#include <QByteArray>
#include <QString>

namespace shopdesk {

// The providers' webhook signatures, computed on the raw bytes and compared in constant time.
class WebhookSignatures
{
public:
    static QByteArray hmacSha256Hex(const QByteArray &key, const QByteArray &message);
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

    // Meta: X-Hub-Signature-256 is "sha256=<hex of HMAC-SHA256(app secret, raw body)>".
    static bool metaValid(const QByteArray &rawBody, const QByteArray &header,
                          const QByteArray &appSecret);
    static QByteArray metaHeader(const QByteArray &rawBody, const QByteArray &appSecret);

    // Twilio: Base64(HMAC-SHA1(auth token, url + each name and value, sorted)).
    static QByteArray twilioSignature(const QString &url, const FormBody::Fields &params,
                                      const QByteArray &authToken);
    // Accepts the URL as given, and with its default port added or removed.
    static bool twilioValid(const QString &url, const FormBody::Fields &params,
                            const QByteArray &header, const QByteArray &authToken);
};

} // namespace shopdesk
