#include "owner/OwnerCommands.h"

#include "access/AuditedChange.h"
#include "accounts/AccountsService.h"
#include "accounts/CustomerLookup.h"
#include "agent/ShopTools.h"
#include "catalog/ProductMatcher.h"
#include "core/Money.h"
#include "owner/OwnerCommandParser.h"
#include "storage/SalesHistory.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QTimeZone>

namespace shopdesk {

namespace {

using Kind = OwnerCommand::Kind;
using R = Result<OwnerCommands::Reply>;

QJsonObject commandJson(const OwnerCommand &c)
{
    return {{QStringLiteral("kind"), OwnerCommand::kindName(c.kind)},
            {QStringLiteral("amount_minor"), c.amountMinor},
            {QStringLiteral("method"), LedgerEntry::methodName(c.method)},
            {QStringLiteral("items"), c.items},
            {QStringLiteral("in_days"), c.inDays}};
}

OwnerCommand commandFrom(const QJsonObject &j)
{
    OwnerCommand c;
    static const QHash<QString, Kind> kinds{{QStringLiteral("payment"), Kind::Payment},
                                            {QStringLiteral("credit"), Kind::Credit},
                                            {QStringLiteral("remind"), Kind::Remind},
                                            {QStringLiteral("balance"), Kind::Balance}};
    c.kind = kinds.value(j.value(QStringLiteral("kind")).toString(), Kind::None);
    c.amountMinor = j.value(QStringLiteral("amount_minor")).toInteger();
    c.method = LedgerEntry::methodFrom(j.value(QStringLiteral("method")).toString());
    c.items = j.value(QStringLiteral("items")).toString();
    c.inDays = j.value(QStringLiteral("in_days")).toInt(-1);
    return c;
}

// One command's handling, with the store, the person and the conversation's memory.
class Session
{
public:
    Session(Store &store, qint64 tenantId, qint64 actorId, const OwnerContext &context,
            const QDateTime &now, const ProductMatcher *products)
        : store(store)
        , tenant(tenantId)
        , actor(actorId)
        , now(now)
        , given(products)
    {
        reply.context = context;
    }

    R run(const QString &text)
    {
        const OwnerCommand c = OwnerCommandParser::parse(text);
        OwnerContext &cx = reply.context;
        if (c.kind != Kind::Choose)
            cx.hinglish = c.hinglish;
        const QString stage = cx.pending.value(QStringLiteral("stage")).toString();
        if (stage == QLatin1String("choose") && c.kind == Kind::Choose)
            return chosen(c.choice);
        if (stage == QLatin1String("confirm") && (c.kind == Kind::Yes || c.kind == Kind::No)) {
            const QJsonObject pending = cx.pending;
            cx.pending = {};
            if (c.kind == Kind::No)
                return say(QStringLiteral("Okay, nothing written."),
                           QStringLiteral("Theek hai, kuch nahi likha."));
            return execute(pending);
        }
        cx.pending = {};
        reply.kind = OwnerCommand::kindName(c.kind);
        switch (c.kind) {
        case Kind::Stock:
            return stock(c.product);
        case Kind::Sales:
            return sales();
        case Kind::Balance:
        case Kind::Payment:
        case Kind::Credit:
        case Kind::Remind:
            return forCustomer(c);
        case Kind::Yes:
        case Kind::No:
        case Kind::Choose:
            return say(QStringLiteral("There is nothing waiting for a yes or no."),
                       QStringLiteral("Abhi haan ya nahi ke liye kuch nahi hai."));
        case Kind::Help:
        case Kind::None:
            break;
        }
        return say(
            QStringLiteral("Try: \"Rahul ka balance\", \"Rahul ne 500 diye\", \"Rahul ko 2 kg "
                           "chawal udhaar\", \"atta ka stock\", \"aaj ki sale\", \"Sunita ko "
                           "kal yaad dilana\"."),
            QStringLiteral("Aise likhiye: \"Rahul ka balance\", \"Rahul ne 500 diye\", "
                           "\"Rahul ko 2 kg chawal udhaar\", \"atta ka stock\", \"aaj ki "
                           "sale\", \"Sunita ko kal yaad dilana\"."));
    }

private:
    R say(const QString &english, const QString &hinglish)
    {
        reply.text = reply.context.hinglish ? hinglish : english;
        return reply;
    }
    QString money(qint64 minor) const { return Money::format(minor); }

    // The customer the command is about: named, or the one talked about last.
    R forCustomer(const OwnerCommand &c)
    {
        if (c.who.isEmpty()) {
            if (reply.context.customerId <= 0)
                return say(QStringLiteral("Which customer? Say their name."),
                           QStringLiteral("Kis customer ka? Naam likhiye."));
            return withCustomer(c, reply.context.customerId);
        }
        auto found = CustomerLookup::candidates(store, tenant, c.who);
        if (!found)
            return R::failure(found.error(), found.errorKind());
        if (found->isEmpty())
            return say(QStringLiteral("No customer is called \"%1\".").arg(c.who),
                       QStringLiteral("\"%1\" naam ka koi customer nahi mila.").arg(c.who));
        if (found->size() == 1)
            return withCustomer(c, found->first().contactId);
        QJsonArray ids;
        QStringList lines;
        for (const Customer &k : found->mid(0, 9)) {
            ids.append(k.contactId);
            lines << QStringLiteral("%1. %2").arg(ids.size()).arg(CustomerLookup::describe(k));
        }
        reply.context.pending = {{QStringLiteral("stage"), QStringLiteral("choose")},
                                 {QStringLiteral("command"), commandJson(c)},
                                 {QStringLiteral("candidates"), ids}};
        return say(QStringLiteral("Which %1?\n%2\nReply with the number.")
                       .arg(c.who, lines.join(QLatin1Char('\n'))),
                   QStringLiteral("Kaun sa %1?\n%2\nNumber bhejiye.")
                       .arg(c.who, lines.join(QLatin1Char('\n'))));
    }

    R chosen(int choice)
    {
        const QJsonObject pending = reply.context.pending;
        reply.context.pending = {};
        const QJsonArray ids = pending.value(QStringLiteral("candidates")).toArray();
        if (choice < 1 || choice > ids.size())
            return say(QStringLiteral("There is no number %1 in the list.").arg(choice),
                       QStringLiteral("List mein %1 number nahi hai.").arg(choice));
        const OwnerCommand c = commandFrom(pending.value(QStringLiteral("command")).toObject());
        reply.kind = OwnerCommand::kindName(c.kind);
        return withCustomer(c, ids.at(choice - 1).toInteger());
    }

    R withCustomer(const OwnerCommand &c, qint64 contactId)
    {
        auto customer = store.customers().customer(tenant, contactId);
        if (!customer)
            return R::failure(customer.error(), customer.errorKind());
        reply.context.customerId = contactId;
        if (c.kind == Kind::Balance)
            return balance(customer.value());
        return prepareWrite(c, customer.value());
    }

    R balance(const Customer &k)
    {
        auto book = AccountsService::book(store, tenant, actor, k.contactId);
        if (!book)
            return R::failure(book.error(), book.errorKind());
        const qint64 owed = k.balanceMinor;
        QString last;
        if (!book->isEmpty()) {
            const LedgerEntry &e = book->last();
            last = QStringLiteral(" (%1 %2 on %3)")
                       .arg(e.kind == LedgerEntry::Kind::Payment ? QStringLiteral("last paid")
                                                                 : QStringLiteral("last credit"),
                            money(e.amountMinor),
                            e.createdAt.toLocalTime().toString(QStringLiteral("d MMM")));
        }
        if (owed <= 0)
            return say(QStringLiteral("%1 owes nothing.%2").arg(k.displayName(), last),
                       QStringLiteral("%1 ka kuch baki nahi hai.%2").arg(k.displayName(), last));
        return say(QStringLiteral("%1 owes %2.%3").arg(k.displayName(), money(owed), last),
                   QStringLiteral("%1 ka baki %2 hai.%3").arg(k.displayName(), money(owed), last));
    }

    R stock(const QString &words)
    {
        if (words.trimmed().isEmpty())
            return say(QStringLiteral("Stock of what? Say the product, like \"atta ka stock\"."),
                       QStringLiteral("Kis cheez ka stock? Jaise \"atta ka stock\"."));
        auto found = matchProducts(words);
        if (!found)
            return R::failure(found.error(), found.errorKind());
        if (found->isEmpty())
            return say(QStringLiteral("No product is called \"%1\".").arg(words),
                       QStringLiteral("\"%1\" naam ka koi saamaan nahi mila.").arg(words));
        QStringList lines;
        for (const Product &p : found.value()) {
            QString line = QStringLiteral("%1%2 %3: %4 left")
                               .arg(p.brand.isEmpty() ? QString() : p.brand + QLatin1Char(' '),
                                    p.name, p.unit, QString::number(p.stock, 'g', 6));
            if (p.stock <= 0)
                line += QStringLiteral(" (out of stock)");
            else if (p.lowStockThreshold > 0 && p.stock <= p.lowStockThreshold)
                line += QStringLiteral(" (low: reorder)");
            lines << line.simplified();
        }
        reply.text = lines.join(QLatin1Char('\n'));
        return reply;
    }

    R sales()
    {
        auto settings = store.tenants().settings(tenant);
        if (!settings)
            return R::failure(settings.error(), settings.errorKind());
        const QByteArray zoneId = settings->value(QStringLiteral("store.time_zone")).toUtf8();
        const QTimeZone zone = zoneId.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(zoneId)
                                   ? QTimeZone::systemTimeZone()
                                   : QTimeZone(zoneId);
        const QDateTime start = QDateTime(now.toTimeZone(zone).date(), QTime(0, 0), zone);
        auto totals = SalesHistory(store.backend())
                          .totals(tenant, start.toMSecsSinceEpoch(), now.toMSecsSinceEpoch());
        if (!totals)
            return R::failure(totals.error(), totals.errorKind());
        const SalesHistory::Totals &t = totals.value();
        return say(QStringLiteral("Today: %1 orders, %2 sold; %3 received on accounts, %4 given "
                                  "on credit.")
                       .arg(t.orders)
                       .arg(money(t.soldMinor), money(t.paymentsMinor), money(t.creditMinor)),
                   QStringLiteral("Aaj: %1 order, %2 ki sale; khaate mein %3 jama hue, %4 udhaar "
                                  "gaya.")
                       .arg(t.orders)
                       .arg(money(t.soldMinor), money(t.paymentsMinor), money(t.creditMinor)));
    }

    // The products that fit the words, best first, with their stock as it is now (the
    // matcher's copy may be older).
    Result<QList<Product>> matchProducts(const QString &words)
    {
        using P = Result<QList<Product>>;
        auto m = matcher();
        if (!m)
            return P::failure(m.error(), m.errorKind());
        QList<Product> out;
        for (const ProductMatcher::Candidate &f : m.value()->search(words, {}, 0, 3)) {
            auto fresh = store.catalog().product(tenant, m.value()->product(f.index).id);
            if (fresh)
                out << fresh.value();
            else if (fresh.errorKind() != ErrorKind::NotFound)
                return P::failure(fresh.error(), fresh.errorKind());
        }
        return out;
    }

    R prepareWrite(const OwnerCommand &c, const Customer &k);
    R execute(const QJsonObject &pending);
    Result<QJsonArray> goodsLines(const QString &items, QStringList &names, QString &missing);

    // The bot's matcher, or one built here from the inventory.
    Result<const ProductMatcher *> matcher()
    {
        if (given)
            return given;
        if (!built) {
            auto products = store.catalog().products(tenant);
            if (!products)
                return Result<const ProductMatcher *>::failure(products.error(),
                                                               products.errorKind());
            built = std::make_unique<ProductMatcher>(products.value());
        }
        return static_cast<const ProductMatcher *>(built.get());
    }

    Store &store;
    qint64 tenant;
    qint64 actor;
    QDateTime now;
    const ProductMatcher *given = nullptr;
    std::unique_ptr<ProductMatcher> built;
    OwnerCommands::Reply reply;
};

Result<QJsonArray> Session::goodsLines(const QString &items, QStringList &names, QString &missing)
{
    auto found = matcher();
    if (!found)
        return Result<QJsonArray>::failure(found.error(), found.errorKind());
    const ProductMatcher &matcher = *found.value();
    QJsonArray lines;
    for (const ProductMatcher::Match &m : matcher.matchOrder(items)) {
        if (m.candidates.isEmpty() || m.confidence < 0.5) {
            missing = m.item.text;
            return lines;
        }
        const Product &p = matcher.product(m.best());
        const double quantity = matcher.packs(m);
        lines.append(QJsonObject{{QStringLiteral("product"), p.id},
                                 {QStringLiteral("quantity"), quantity},
                                 {QStringLiteral("price_minor"), p.priceMinor}});
        names << QStringLiteral("%1 \u00d7 %2 %3 (%4)")
                     .arg(QString::number(quantity, 'g', 6), p.name, p.unit,
                          money(qint64(std::llround(quantity * double(p.priceMinor)))))
                     .simplified();
    }
    return lines;
}

R Session::prepareWrite(const OwnerCommand &c, const Customer &k)
{
    QJsonObject pending{{QStringLiteral("stage"), QStringLiteral("confirm")},
                        {QStringLiteral("command"), commandJson(c)},
                        {QStringLiteral("customer"), k.contactId}};
    const QString who = k.displayName();
    QString en, hi;
    if (c.kind == Kind::Payment) {
        const QString how = LedgerEntry::methodLabel(
            c.method == LedgerEntry::Method::None ? LedgerEntry::Method::Cash : c.method);
        en = QStringLiteral("Record %1 paid %2 (%3)?").arg(who, money(c.amountMinor), how);
        hi = QStringLiteral("%1 ne %2 diye (%3). Likh doon?").arg(who, money(c.amountMinor), how);
    } else if (c.kind == Kind::Credit && !c.items.isEmpty()) {
        QStringList names;
        QString missing;
        auto lines = goodsLines(c.items, names, missing);
        if (!lines)
            return R::failure(lines.error(), lines.errorKind());
        if (!missing.isEmpty() || lines->isEmpty())
            return say(QStringLiteral("I could not find \"%1\" in the inventory.").arg(missing),
                       QStringLiteral("\"%1\" inventory mein nahi mila.").arg(missing));
        pending.insert(QStringLiteral("lines"), lines.value());
        en = QStringLiteral("Give %1 on credit: %2?").arg(who, names.join(QStringLiteral(", ")));
        hi = QStringLiteral("%1 ko udhaar: %2. Likh doon?")
                 .arg(who, names.join(QStringLiteral(", ")));
    } else if (c.kind == Kind::Credit) {
        en = QStringLiteral("Put %1 on %2's account?").arg(money(c.amountMinor), who);
        hi = QStringLiteral("%1 ke khaate mein %2 udhaar. Likh doon?")
                 .arg(who, money(c.amountMinor));
    } else {
        if (k.walkIn || k.conversationId == 0)
            return say(
                QStringLiteral("%1 has no WhatsApp chat with the store, so there is no one "
                               "to remind.")
                    .arg(who),
                QStringLiteral("%1 ka WhatsApp chat nahi hai, reminder nahi ja sakta.").arg(who));
        const QString when = now.toLocalTime().addDays(c.inDays).toString(QStringLiteral("d MMM"));
        en = QStringLiteral("Remind %1 of the %2 due on %3?").arg(who, money(k.balanceMinor), when);
        hi = QStringLiteral("%1 ko %2 ka reminder %3 ko bhej doon?")
                 .arg(who, money(k.balanceMinor), when);
    }
    reply.context.pending = pending;
    return say(en + QStringLiteral(" (yes/no)"), hi + QStringLiteral(" (haan/nahi)"));
}

R Session::execute(const QJsonObject &pending)
{
    const OwnerCommand c = commandFrom(pending.value(QStringLiteral("command")).toObject());
    const qint64 contact = pending.value(QStringLiteral("customer")).toInteger();
    reply.kind = OwnerCommand::kindName(c.kind);
    auto customer = store.customers().customer(tenant, contact);
    if (!customer)
        return R::failure(customer.error(), customer.errorKind());
    const QString who = customer->displayName();
    if (c.kind == Kind::Payment ||
        (c.kind == Kind::Credit && !pending.contains(QStringLiteral("lines")))) {
        LedgerEntry e;
        e.contactId = contact;
        e.kind = c.kind == Kind::Payment ? LedgerEntry::Kind::Payment : LedgerEntry::Kind::Credit;
        e.method = c.kind == Kind::Payment && c.method == LedgerEntry::Method::None
                       ? LedgerEntry::Method::Cash
                       : (c.kind == Kind::Payment ? c.method : LedgerEntry::Method::None);
        e.amountMinor = c.amountMinor;
        e.note = QStringLiteral("Owner's command");
        auto added = AccountsService::record(store, tenant, actor, e);
        if (!added)
            return R::failure(added.error(), added.errorKind());
    } else if (c.kind == Kind::Credit) {
        Order order;
        order.contactId = contact;
        order.status = QStringLiteral("confirmed");
        order.takenBy = QStringLiteral("person");
        order.conversationId = customer->conversationId;
        for (const QJsonValue &v : pending.value(QStringLiteral("lines")).toArray()) {
            const QJsonObject l = v.toObject();
            order.lines.append({0,
                                l.value(QStringLiteral("product")).toInteger(),
                                {},
                                l.value(QStringLiteral("quantity")).toDouble(),
                                {},
                                l.value(QStringLiteral("price_minor")).toInteger(),
                                0});
        }
        auto placed = auditedChange<LedgerEntry>(
            store, tenant, actor, Permission::KeepAccounts,
            [&](QString &action, QJsonObject &detail) -> Result<LedgerEntry> {
                auto added = store.catalog().addOrder(tenant, order, actor);
                if (!added)
                    return Result<LedgerEntry>::failure(added.error(), added.errorKind());
                action = QStringLiteral("order.add");
                detail = {{QStringLiteral("order"), added->id},
                          {QStringLiteral("customer"), contact},
                          {QStringLiteral("total_minor"), added->totalMinor}};
                return AccountsService::putOrderOnCredit(store, tenant, actor, added->id);
            });
        if (!placed)
            return R::failure(placed.error(), placed.errorKind());
    } else if (c.kind == Kind::Remind) {
        auto settings = store.tenants().settingsWithName(tenant);
        if (!settings)
            return R::failure(settings.error(), settings.errorKind());
        auto set = auditedChange<QJsonObject>(
            store, tenant, actor, Permission::KeepAccounts,
            [&](QString &action, QJsonObject &detail) {
                auto r = ShopTools::addPaymentReminder(store, tenant, settings.value(), contact,
                                                       customer->conversationId, c.inDays);
                if (r && r->value(QStringLiteral("scheduled")).toBool()) {
                    action = QStringLiteral("reminder.add");
                    detail = {{QStringLiteral("customer"), contact},
                              {QStringLiteral("in_days"), c.inDays}};
                }
                return r;
            });
        if (!set)
            return R::failure(set.error(), set.errorKind());
        if (!set->value(QStringLiteral("scheduled")).toBool())
            return say(QStringLiteral("%1 owes nothing, so no reminder was set.").arg(who),
                       QStringLiteral("%1 ka kuch baki nahi, reminder nahi lagaya.").arg(who));
        reply.wrote = true;
        return say(
            QStringLiteral("Done: %1 will be reminded on %2.")
                .arg(who, now.toLocalTime().addDays(c.inDays).toString(QStringLiteral("d MMM"))),
            QStringLiteral("Ho gaya: %1 ko %2 ko yaad dilayenge.")
                .arg(who, now.toLocalTime().addDays(c.inDays).toString(QStringLiteral("d MMM"))));
    }
    reply.wrote = true;
    auto owed = store.ledger().balance(tenant, contact);
    if (!owed)
        return R::failure(owed.error(), owed.errorKind());
    return say(QStringLiteral("Done. %1 now owes %2.").arg(who, money(owed.value())),
               QStringLiteral("Likh diya. %1 ka baki ab %2 hai.").arg(who, money(owed.value())));
}

} // namespace

QJsonObject OwnerContext::toJson() const
{
    QJsonObject j{{QStringLiteral("customer"), customerId}, {QStringLiteral("hinglish"), hinglish}};
    if (!pending.isEmpty())
        j.insert(QStringLiteral("pending"), pending);
    return j;
}

OwnerContext OwnerContext::fromJson(const QJsonObject &json)
{
    OwnerContext c;
    c.customerId = json.value(QStringLiteral("customer")).toInteger();
    c.hinglish = json.value(QStringLiteral("hinglish")).toBool();
    c.pending = json.value(QStringLiteral("pending")).toObject();
    return c;
}

Result<OwnerCommands::Reply> OwnerCommands::handle(Store &store, qint64 tenantId, qint64 actorId,
                                                   const OwnerContext &context, const QString &text,
                                                   const QDateTime &now,
                                                   const ProductMatcher *products)
{
    if (auto allowed = Access::require(store, tenantId, actorId, Permission::WorkChats); !allowed)
        return R::failure(allowed.error(), allowed.errorKind());
    auto done = store.transact(
        [&] { return Session(store, tenantId, actorId, context, now, products).run(text); });
    if (done || done.errorKind() == ErrorKind::Failed ||
        done.errorKind() == ErrorKind::ConnectionLost)
        return done;
    // Refused (not allowed, not found, not enough stock): the owner is told why, nothing written.
    Reply refused;
    refused.context = context;
    refused.context.pending = {};
    refused.text = done.error();
    refused.kind = QStringLiteral("refused");
    return refused;
}

} // namespace shopdesk
