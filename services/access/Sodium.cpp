#include "access/Sodium.h"

#include <sodium.h>

namespace shopdesk {

bool Sodium::ready()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

QString Sodium::unavailable()
{
    return QStringLiteral("The encryption library could not start; passwords and secrets cannot "
                          "be checked on this computer.");
}

} // namespace shopdesk
