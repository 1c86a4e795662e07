#include "remote/ConsoleTokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace shopdesk {

ConsoleTokens::ConsoleTokens(qint64 lifetimeSeconds, Clock clock)
    : m_lifetime(qMax<qint64>(1, lifetimeSeconds))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{}

QByteArray ConsoleTokens::digest(const QString &token)
{
    return QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256);
}

QString ConsoleTokens::issue(ConsoleGrant &grant)
{
    const QDateTime now = m_clock();
    forgetExpired(now);
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    const QString token = QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    grant.expiresAt = now.addSecs(m_lifetime);
    m_grants.insert(digest(token), grant);
    return token;
}

Result<ConsoleGrant> ConsoleTokens::check(const QString &token)
{
    const QByteArray key = digest(token);
    const auto it = m_grants.constFind(key);
    if (token.isEmpty() || it == m_grants.constEnd())
        return Result<ConsoleGrant>::failure(
            QStringLiteral("This sign-in is not known here (the server may have restarted): "
                           "sign in again."),
            ErrorKind::Forbidden);
    if (it->expiresAt <= m_clock()) {
        m_grants.remove(key);
        return Result<ConsoleGrant>::failure(
            QStringLiteral("Your sign-in has expired: sign in again."), ErrorKind::Forbidden);
    }
    return *it;
}

void ConsoleTokens::revoke(const QString &token)
{
    m_grants.remove(digest(token));
}

void ConsoleTokens::forgetExpired(const QDateTime &now)
{
    for (auto it = m_grants.begin(); it != m_grants.end();) {
        if (it->expiresAt <= now)
            it = m_grants.erase(it);
        else
            ++it;
    }
}

} // namespace shopdesk
