#pragma once

#include "core/Result.h"
#include "domain/Operator.h"

#include <QDateTime>
#include <QHash>

#include <functional>

namespace shopdesk {

// Who a remote console's token speaks for: one person in one store, until expiresAt.
struct ConsoleGrant
{
    qint64 tenantId = 0;
    QString storeSlug;
    QString storeName;
    Operator person;
    QDateTime expiresAt;
};

// The remote console's sign-in tokens on this node: 32 random bytes each, kept only as their
// SHA-256 (a memory dump shows no usable token), valid for a fixed time from sign-in. A node
// restart signs every remote console out; they sign in again.
class ConsoleTokens
{
public:
    using Clock = std::function<QDateTime()>;

    explicit ConsoleTokens(qint64 lifetimeSeconds, Clock clock = {});

    // A fresh token for the grant (its expiresAt is set here).
    QString issue(ConsoleGrant &grant);
    // The grant of a token still valid; Forbidden when unknown or expired (then forgotten).
    Result<ConsoleGrant> check(const QString &token);
    void revoke(const QString &token);
    qint64 lifetimeSeconds() const { return m_lifetime; }

private:
    static QByteArray digest(const QString &token);
    void forgetExpired(const QDateTime &now);

    qint64 m_lifetime;
    Clock m_clock;
    QHash<QByteArray, ConsoleGrant> m_grants;
};

} // namespace shopdesk
