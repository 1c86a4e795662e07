#include "access/SignInPolicy.h"

#include <algorithm>

namespace shopdesk {

QDateTime SignInPolicy::lockedUntil(int failures, const QDateTime &now)
{
    if (failures < kFreeTries)
        return {};
    const int doublings = std::min(failures - kFreeTries, 5); // 30 s · 2^5 = 16 min, capped
    const qint64 seconds = std::min<qint64>(30LL << doublings, 15 * 60);
    return now.addSecs(seconds);
}

QString SignInPolicy::lockedMessage(const QDateTime &until, const QDateTime &now)
{
    const qint64 seconds = std::max<qint64>(1, now.secsTo(until));
    const QString wait = seconds < 90 ? QStringLiteral("%1 seconds").arg(seconds)
                                      : QStringLiteral("%1 minutes").arg((seconds + 59) / 60);
    return QStringLiteral("Too many wrong tries: try again in %1.").arg(wait);
}

QString SignInPolicy::problemWith(const QString &secret, bool shared)
{
    if (shared) {
        if (secret.size() < 8)
            return QStringLiteral("A password needs at least 8 characters.");
        return {};
    }
    if (secret.size() < 4)
        return QStringLiteral("A PIN needs at least 4 digits (or use a longer password).");
    return {};
}

} // namespace shopdesk
