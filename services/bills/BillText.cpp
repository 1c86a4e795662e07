#include "bills/BillText.h"

#include "core/Money.h"

namespace shopdesk {

QString BillText::render(const Bill &b)
{
    QStringList out;
    out << QStringLiteral("*%1*").arg(b.storeName.isEmpty() ? QStringLiteral("Bill") : b.storeName);
    QStringList contact;
    if (!b.storeAddress.isEmpty())
        contact << b.storeAddress;
    if (!b.storePhone.isEmpty())
        contact << b.storePhone;
    if (!contact.isEmpty())
        out << contact.join(QStringLiteral(" \u00b7 "));
    if (!b.gstin.isEmpty())
        out << QStringLiteral("GSTIN %1").arg(b.gstin);
    out << QStringLiteral("*Bill %1* \u00b7 %2 \u00b7 order #%3")
               .arg(b.number)
               .arg(b.date.toLocalTime().toString(QStringLiteral("d MMM yyyy")))
               .arg(b.orderId);
    if (!b.customerName.isEmpty())
        out << QStringLiteral("For %1").arg(b.customerName);
    out << QString();
    for (const Bill::Line &l : b.lines)
        out << QStringLiteral("%1 \u00d7 %2 @ %3 = %4")
                   .arg(l.quantity, l.item, Money::format(l.unitPriceMinor),
                        Money::format(l.totalMinor));
    out << QString();
    out << QStringLiteral("*Total %1*").arg(Money::format(b.totalMinor));
    if (b.taxIncludedMinor > 0)
        out << QStringLiteral("Includes GST %1%: %2")
                   .arg(QString::number(b.taxPercent, 'g', 4), Money::format(b.taxIncludedMinor));
    out << b.state;
    return out.join(QLatin1Char('\n'));
}

} // namespace shopdesk
