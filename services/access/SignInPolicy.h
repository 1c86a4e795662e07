#pragma once

#include <QDateTime>
#include <QString>

namespace shopdesk {

// How wrong passwords and PINs are slowed down: the first few tries are free; after that each
// wrong one locks the operator out for twice as long as the last (30 s, 1 min, 2 min, … up to
// 15 min). The count and the lock live in the database, so restarting the console or trying
// from another computer does not reset them. Every wrong answer also arrives a second late.
class SignInPolicy
{
public:
    static constexpr int kFreeTries = 5;
    static constexpr int kWrongAnswerDelayMs = 1000;
    // When the operator may try again after `failures` wrong tries in a row (invalid: now).
    static QDateTime lockedUntil(int failures, const QDateTime &now);
    // "Too many wrong tries: try again in 2 minutes."
    static QString lockedMessage(const QDateTime &until, const QDateTime &now);
    // Empty when the secret is good enough; otherwise what is wrong with it. Shared mode needs a
    // password of 8 characters or more; on one computer a PIN of 4 digits or more will do.
    static QString problemWith(const QString &secret, bool shared);
};

} // namespace shopdesk
