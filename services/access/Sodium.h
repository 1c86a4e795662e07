#pragma once

#include <QString>

namespace shopdesk {

// libsodium, initialised once for the process (sodium_init is safe to call from any thread).
class Sodium
{
public:
    static bool ready();
    static QString unavailable(); // the message when it is not
};

} // namespace shopdesk
