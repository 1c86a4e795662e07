#include "messaging/ProviderErrors.h"

namespace shopdesk {

QString ProviderErrors::describe(const QString &provider, const QString &code,
                                 const QString &providerText)
{
    QString reason;
    if (code == QLatin1String("131047") || code == QLatin1String("63016"))
        reason = QStringLiteral("The customer's last message was more than 24 hours ago, so "
                                "WhatsApp only allows an approved template message.");
    else if (code == QLatin1String("130429"))
        reason = QStringLiteral("WhatsApp's sending limit for this number was reached; Shopdesk "
                                "retries automatically.");
    else if (code == QLatin1String("131056"))
        reason = QStringLiteral("Too many messages to this customer in a short time; Shopdesk "
                                "retries automatically.");
    else if (code == QLatin1String("131026"))
        reason = QStringLiteral("WhatsApp could not deliver this message: the number may not be "
                                "on WhatsApp, or the customer's app is too old.");
    else if (code == QLatin1String("132000"))
        reason = QStringLiteral("The template's parameters do not match the approved template.");
    else if (code == QLatin1String("132001"))
        reason = QStringLiteral("This template does not exist or is not approved in that "
                                "language.");
    else if (code == QLatin1String("190") || code == QLatin1String("20003"))
        reason = QStringLiteral("The %1 access token has expired or is wrong. Paste a new one "
                                "in Settings → Channels.")
                     .arg(provider == QLatin1String("twilio") ? QStringLiteral("Twilio")
                                                              : QStringLiteral("WhatsApp"));
    else if (code == QLatin1String("131051"))
        reason = QStringLiteral("WhatsApp does not support this kind of message.");
    else if (code == QLatin1String("131052") || code == QLatin1String("131053"))
        reason = QStringLiteral("The media file could not be downloaded or uploaded.");
    else if (code == QLatin1String("63003") || code == QLatin1String("21211"))
        reason = QStringLiteral("This phone number is not valid for WhatsApp.");
    else if (code == QLatin1String("63018"))
        reason = QStringLiteral("Twilio's sending limit was reached; Shopdesk retries "
                                "automatically.");
    if (reason.isEmpty())
        reason = providerText.isEmpty()
                     ? QStringLiteral("The provider refused the message.")
                     : QStringLiteral("The provider refused the message: %1").arg(providerText);
    if (!code.isEmpty())
        reason += QStringLiteral(" (error %1)").arg(code);
    return reason;
}

bool ProviderErrors::isTransient(const QString &, const QString &code)
{
    return code == QLatin1String("130429") || code == QLatin1String("131056") ||
           code == QLatin1String("4") || code == QLatin1String("80007") ||
           code == QLatin1String("131000") || code == QLatin1String("63018") ||
           code == QLatin1String("20429");
}

} // namespace shopdesk
