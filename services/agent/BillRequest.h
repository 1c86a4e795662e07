#pragma once

#include <QString>

namespace shopdesk {

// A short message asking for the bill: a word for the bill ("bill", "invoice", "parchi") with a
// word that asks for it ("bhejo", "send", "chahiye"), as in "bill bhejo", "send my bill",
// "invoice chahiye" (resources/agent/bill-request.csv). "How much is my bill" asks about the
// balance instead, and a long message is about something else.
class BillRequest
{
public:
    static bool matches(const QString &message);
};

} // namespace shopdesk
