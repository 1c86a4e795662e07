#include "accounts/CustomerLookup.h"

#include "storage/Store.h"

#include <QRegularExpression>

namespace shopdesk {

Result<QList<Customer>> CustomerLookup::candidates(Store &store, qint64 tenantId,
                                                   const QString &who)
{
    using R = Result<QList<Customer>>;
    const QString text = who.simplified();
    if (text.isEmpty())
        return R::failure(QStringLiteral("Say which customer: a phone number or a name."),
                          ErrorKind::Invalid);
    static const QRegularExpression phoneShape(QStringLiteral("^[+\\d\\s()-]{7,}$"));
    if (phoneShape.match(text).hasMatch()) {
        QString digits = text;
        digits.remove(QRegularExpression(QStringLiteral("\\D")));
        // A number: the customer whose WhatsApp number ends with it (a local number fits the
        // stored international one).
        auto all = store.customers().customers(tenantId, digits.right(10), 20);
        if (!all)
            return all;
        QList<Customer> found;
        for (const Customer &c : all.value())
            if (!c.walkIn && (c.phone == digits || c.phone.endsWith(digits.right(10))))
                found << c;
        return found;
    }
    auto all = store.customers().customers(tenantId, text, 50);
    if (!all)
        return all;
    QList<Customer> exact;
    for (const Customer &c : all.value())
        if (c.profile.name.compare(text, Qt::CaseInsensitive) == 0 ||
            c.profile.nickname.compare(text, Qt::CaseInsensitive) == 0)
            exact << c;
    return exact.isEmpty() ? all : R(exact);
}

Result<Customer> CustomerLookup::one(Store &store, qint64 tenantId, const QString &who)
{
    using R = Result<Customer>;
    auto found = candidates(store, tenantId, who);
    if (!found)
        return R::failure(found.error(), found.errorKind());
    if (found->size() == 1)
        return found->first();
    if (found->isEmpty())
        return R::failure(QStringLiteral("No customer fits \u201c%1\u201d.").arg(who.simplified()),
                          ErrorKind::NotFound);
    QStringList names;
    for (const Customer &c : found->mid(0, 5))
        names << describe(c);
    return R::failure(QStringLiteral("\u201c%1\u201d fits %2 customers: %3. Say which.")
                          .arg(who.simplified())
                          .arg(found->size())
                          .arg(names.join(QStringLiteral("; "))),
                      ErrorKind::Invalid);
}

QString CustomerLookup::describe(const Customer &c)
{
    QStringList more;
    if (!c.profile.nickname.isEmpty() && c.profile.nickname != c.displayName())
        more << c.profile.nickname;
    if (!c.profile.landmark.isEmpty())
        more << c.profile.landmark;
    if (!c.phone.isEmpty())
        more << QStringLiteral("+") + c.phone;
    else
        more << QStringLiteral("walk-in");
    return QStringLiteral("%1 (%2)").arg(c.displayName(), more.join(QStringLiteral(", ")));
}

} // namespace shopdesk
