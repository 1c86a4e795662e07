#include "messaging/PhoneAddress.h"

namespace shopdesk {

QString PhoneAddress::fromProvider(const QString &address)
{
    QString a = address.trimmed();
    if (a.startsWith(QLatin1String("whatsapp:")))
        a = a.mid(9);
    if (const qsizetype at = a.indexOf(QLatin1Char('@')); at >= 0)
        a = a.left(at);
    if (const qsizetype colon = a.indexOf(QLatin1Char(':')); colon >= 0) // device suffix
        a = a.left(colon);
    const QString bare = a.startsWith(QLatin1Char('+')) ? a.mid(1) : a;
    if (bare.isEmpty())
        return {};
    for (const QChar c : bare) {
        if (!c.isDigit())
            return address.trimmed();
    }
    return bare;
}

QString PhoneAddress::display(const QString &stored)
{
    if (stored.isEmpty() || stored.startsWith(QLatin1Char('+')))
        return stored;
    for (const QChar c : stored) {
        if (!c.isDigit())
            return stored;
    }
    return QLatin1Char('+') + stored;
}

QString PhoneAddress::digits(const QString &address)
{
    QString out;
    for (const QChar c : address) {
        if (c.isDigit())
            out += c;
    }
    return out;
}

QString PhoneAddress::twilio(const QString &address)
{
    return QStringLiteral("whatsapp:+") + digits(address);
}

} // namespace shopdesk
