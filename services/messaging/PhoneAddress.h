#pragma once

#include <QString>

namespace shopdesk {

// Customer addresses as the providers write them, and as Shopdesk stores them: the number's
// digits with the country code, as WhatsApp's wa_id ("919810011001").
class PhoneAddress
{
public:
    // "972987654321", "whatsapp:+1415...", "5511...@s.whatsapp.net" -> "<digits>".
    // Anything that is not a phone number (a Meta user id) is returned unchanged.
    static QString fromProvider(const QString &address);
    // How a person reads it: "+<digits>", or the provider's id as it is.
    static QString display(const QString &stored);
    // "+<digits>" or "<digits>" -> "<digits>" (Meta, Evolution).
    static QString digits(const QString &address);
    // "+<digits>" -> "whatsapp:+<digits>" (Twilio).
    static QString twilio(const QString &address);
};

} // namespace shopdesk
