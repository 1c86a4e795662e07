#pragma once

#include <QString>

namespace shopdesk {

// A customer's message that is, as a whole, a request to stop or to start receiving the
// store's reminders and templates: "STOP", "band karo", "message mat bhejo", "START", "shuru
// karo" (resources/agent/opt-out.csv). Only the whole message counts: "stop by at 5" is not.
class OptOutWords
{
public:
    enum class Meaning { None, OptOut, OptIn };
    static Meaning of(const QString &message);
};

} // namespace shopdesk
