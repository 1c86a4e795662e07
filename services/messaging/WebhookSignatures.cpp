#include "messaging/WebhookSignatures.h"

#include <QMessageAuthenticationCode>
#include <QUrl>

#include <algorithm>

namespace shopdesk {

QByteArray WebhookSignatures::hmacSha256Hex(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256).toHex();
}

bool WebhookSignatures::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

bool WebhookSignatures::metaValid(const QByteArray &rawBody, const QByteArray &header,
                                  const QByteArray &appSecret)
{
    if (appSecret.isEmpty() || !header.startsWith("sha256="))
        return false;
    return constantTimeEquals(header.mid(7).toLower(), hmacSha256Hex(appSecret, rawBody));
}

QByteArray WebhookSignatures::metaHeader(const QByteArray &rawBody, const QByteArray &appSecret)
{
    return "sha256=" + hmacSha256Hex(appSecret, rawBody);
}

QByteArray WebhookSignatures::twilioSignature(const QString &url, const FormBody::Fields &params,
                                              const QByteArray &authToken)
{
    FormBody::Fields sorted = params;
    std::sort(sorted.begin(), sorted.end()); // by name, then by value
    QByteArray data = url.toUtf8();
    for (const auto &[name, value] : std::as_const(sorted))
        data += name.toUtf8() + value.toUtf8();
    return QMessageAuthenticationCode::hash(data, authToken, QCryptographicHash::Sha1).toBase64();
}

bool WebhookSignatures::twilioValid(const QString &url, const FormBody::Fields &params,
                                    const QByteArray &header, const QByteArray &authToken)
{
    if (authToken.isEmpty() || header.isEmpty())
        return false;
    QUrl parsed(url);
    const int defaultPort = parsed.scheme() == QLatin1String("https") ? 443 : 80;
    QUrl withPort = parsed;
    withPort.setPort(defaultPort);
    QUrl withoutPort = parsed;
    withoutPort.setPort(-1);
    // Compare against every candidate, so the time taken does not tell which one matched.
    bool ok = false;
    for (const QString &candidate :
         {url, withPort.toString(QUrl::FullyEncoded), withoutPort.toString(QUrl::FullyEncoded)})
        ok = constantTimeEquals(twilioSignature(candidate, params, authToken), header) || ok;
    return ok;
}

} // namespace shopdesk
