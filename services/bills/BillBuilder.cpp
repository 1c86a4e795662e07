#include "bills/BillBuilder.h"

#include "storage/Store.h"

#include <cmath>

namespace shopdesk {

namespace {

QString quantityText(double q)
{
    return QString::number(q, 'g', 6);
}

} // namespace

Result<Bill> BillBuilder::forOrder(Store &store, qint64 tenantId, qint64 orderId)
{
    using R = Result<Bill>;
    auto order = store.catalog().order(tenantId, orderId);
    if (!order)
        return R::failure(order.error(), order.errorKind());
    if (order->billNumber <= 0)
        return R::failure(
            QStringLiteral("Order #%1 is not confirmed yet, so it has no bill.").arg(orderId),
            ErrorKind::Invalid);
    auto settings = store.tenants().settingsWithName(tenantId);
    if (!settings)
        return R::failure(settings.error(), settings.errorKind());
    auto book = store.ledger().entries(tenantId, order->contactId);
    if (!book)
        return R::failure(book.error(), book.errorKind());
    const auto s = [&](const char *key) {
        return settings->value(QString::fromLatin1(key));
    };
    Bill b;
    b.storeName = s("store.name");
    b.storeAddress = s("store.address");
    b.storePhone = s("store.phone");
    b.gstin = s("store.gstin").trimmed().toUpper();
    b.number = order->billNumber;
    b.orderId = order->id;
    b.date = order->createdAt;
    b.customerName = order->customerName;
    b.customerPhone = order->customerPhone.startsWith(QLatin1String("walk-in-"))
                          ? QString()
                          : order->customerPhone;
    for (const OrderLine &l : order->lines)
        b.lines.append(
            {l.unit.isEmpty() ? l.productName : QStringLiteral("%1 %2").arg(l.productName, l.unit),
             quantityText(l.quantity), l.unitPriceMinor, l.lineTotalMinor});
    b.totalMinor = order->totalMinor;
    b.taxPercent = std::clamp(s("bill.tax_percent").toDouble(), 0.0, 28.0);
    if (b.taxPercent > 0) // prices include GST: the part of the total that is tax
        b.taxIncludedMinor =
            qint64(std::llround(double(b.totalMinor) * b.taxPercent / (100.0 + b.taxPercent)));
    qint64 paid = 0;
    for (const LedgerEntry &e : book.value()) {
        if (e.orderId != orderId || e.reversedById > 0 || e.reversesId > 0)
            continue;
        (e.kind == LedgerEntry::Kind::Credit ? b.onCreditMinor : paid) += e.amountMinor;
    }
    if (order->status == QLatin1String("cancelled"))
        b.state = QStringLiteral("Cancelled");
    else if (b.onCreditMinor >= b.totalMinor)
        b.state = QStringLiteral("On credit (udhaar)");
    else if (b.onCreditMinor > 0)
        b.state = QStringLiteral("Part on credit (udhaar)");
    else if (paid >= b.totalMinor)
        b.state = QStringLiteral("Paid");
    else
        b.state = QStringLiteral("To pay");
    return b;
}

Result<Bill> BillBuilder::latestFor(Store &store, qint64 tenantId, qint64 contactId)
{
    auto latest = store.catalog().latestBilledOrder(tenantId, contactId);
    if (!latest)
        return Result<Bill>::failure(latest.error(), latest.errorKind());
    if (latest.value() == 0)
        return Result<Bill>::failure(QStringLiteral("There is no confirmed order to bill yet."),
                                     ErrorKind::NotFound);
    return forOrder(store, tenantId, latest.value());
}

} // namespace shopdesk
