#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

// Passwords and PINs as Argon2id strings (libsodium's crypto_pwhash_str, with its "interactive"
// cost: 64 MiB and a fraction of a second): the salt and cost travel inside the string, so a
// stored hash can be checked without anything else. Slow on purpose: call it off the database
// and UI threads.
class PasswordHash
{
public:
    static Result<QString> hash(const QString &secret);
    static bool verify(const QString &hash, const QString &secret);
    // A hash made with cheaper settings than today's, to be made again at the next sign-in.
    static bool needsRehash(const QString &hash);
};

} // namespace shopdesk
