#include "access/PasswordHash.h"

#include "access/Sodium.h"

#include <sodium.h>

namespace shopdesk {

Result<QString> PasswordHash::hash(const QString &secret)
{
    if (!Sodium::ready())
        return Result<QString>::failure(Sodium::unavailable());
    const QByteArray utf8 = secret.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return Result<QString>::failure(
            QStringLiteral("Not enough memory to protect the password; close some programs and "
                           "try again."));
    return QString::fromLatin1(out);
}

bool PasswordHash::verify(const QString &hash, const QString &secret)
{
    if (hash.isEmpty() || !Sodium::ready())
        return false;
    const QByteArray h = hash.toLatin1();
    const QByteArray utf8 = secret.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool PasswordHash::needsRehash(const QString &hash)
{
    const QByteArray h = hash.toLatin1();
    return Sodium::ready() &&
           crypto_pwhash_str_needs_rehash(h.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

} // namespace shopdesk
