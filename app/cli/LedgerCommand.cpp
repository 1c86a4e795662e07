#include "cli/LedgerCommand.h"

#include "access/OperatorAccounts.h"
#include "accounts/AccountsService.h"
#include "accounts/CustomerLookup.h"
#include "core/Money.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace shopdesk {

namespace {

constexpr qint64 kCli = OperatorAccounts::kCommandLine;

QString entryLine(const LedgerEntry &e)
{
    QString what =
        e.kind == LedgerEntry::Kind::Credit ? QStringLiteral("credit ") : QStringLiteral("paid   ");
    if (e.method != LedgerEntry::Method::None)
        what += LedgerEntry::methodLabel(e.method) + QLatin1Char(' ');
    QString line = QStringLiteral("#%1  %2  %3%4  balance %5")
                       .arg(e.id)
                       .arg(e.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm")),
                            what, Money::format(e.amountMinor), Money::format(e.balanceAfterMinor));
    if (!e.note.isEmpty())
        line += QStringLiteral("  (%1)").arg(e.note);
    if (e.reversedById > 0)
        line += QStringLiteral("  [reversed by #%1]").arg(e.reversedById);
    return line;
}

QJsonObject entryJson(const LedgerEntry &e)
{
    return {{QStringLiteral("id"), e.id},
            {QStringLiteral("kind"), LedgerEntry::kindName(e.kind)},
            {QStringLiteral("method"), LedgerEntry::methodName(e.method)},
            {QStringLiteral("amount_minor"), e.amountMinor},
            {QStringLiteral("balance_after_minor"), e.balanceAfterMinor},
            {QStringLiteral("note"), e.note},
            {QStringLiteral("order"), e.orderId},
            {QStringLiteral("reverses"), e.reversesId},
            {QStringLiteral("reversed_by"), e.reversedById},
            {QStringLiteral("at"), e.createdAt.toString(Qt::ISODateWithMs)}};
}

} // namespace

QString LedgerCommand::name() const
{
    switch (m_action) {
    case Action::Show:
        return QStringLiteral("ledger show");
    case Action::Pay:
        return QStringLiteral("ledger pay");
    case Action::Credit:
        return QStringLiteral("ledger credit");
    case Action::Reverse:
        break;
    }
    return QStringLiteral("ledger reverse");
}

QString LedgerCommand::description() const
{
    switch (m_action) {
    case Action::Show:
        return QStringLiteral("Show a customer's ledger (udhaar) with the running balance.");
    case Action::Pay:
        return QStringLiteral("Record a payment from a customer (cash, UPI or card).");
    case Action::Credit:
        return QStringLiteral("Record goods given on credit, or put a confirmed order on credit.");
    case Action::Reverse:
        break;
    }
    return QStringLiteral("Undo a ledger entry with a reversing entry (entries are never edited).");
}

void LedgerCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    if (m_action != Action::Reverse)
        parser.addOption({QStringLiteral("customer"),
                          QStringLiteral("The customer: a phone number, or a name, nickname or "
                                         "landmark that fits one customer."),
                          QStringLiteral("WHO")});
    if (m_action == Action::Show) {
        parser.addOption({QStringLiteral("json"), QStringLiteral("Print the book as JSON.")});
        return;
    }
    if (m_action == Action::Pay || m_action == Action::Credit)
        parser.addOption({QStringLiteral("amount"),
                          QStringLiteral("The amount in rupees (500, 499.50)."),
                          QStringLiteral("AMOUNT")});
    if (m_action == Action::Pay)
        parser.addOption({QStringLiteral("method"),
                          QStringLiteral("How it was paid: cash, upi or card (default cash)."),
                          QStringLiteral("METHOD"), QStringLiteral("cash")});
    if (m_action == Action::Credit)
        parser.addOption({QStringLiteral("order"),
                          QStringLiteral("Put this confirmed order's total on credit instead."),
                          QStringLiteral("N")});
    if (m_action == Action::Reverse)
        parser.addOption({QStringLiteral("entry"), QStringLiteral("The entry to undo (its #)."),
                          QStringLiteral("ID")});
    parser.addOption({QStringLiteral("note"), QStringLiteral("A note kept with the entry."),
                      QStringLiteral("TEXT")});
}

int LedgerCommand::run(const QCommandLineParser &parser)
{
    auto opened = openTenant(parser);
    if (!opened)
        return fail(opened.error());
    Store &store = *opened->store;
    const qint64 tenantId = opened->tenant.id;
    if (m_action != Action::Show)
        return write(store, tenantId, parser);
    auto who = CustomerLookup::one(store, tenantId, parser.value(QStringLiteral("customer")));
    if (!who)
        return fail(who.error());
    return show(store, tenantId, who.value(), parser.isSet(QStringLiteral("json")));
}

int LedgerCommand::show(Store &store, qint64 tenantId, const Customer &who, bool json)
{
    auto book = AccountsService::book(store, tenantId, kCli, who.contactId);
    if (!book)
        return fail(book.error());
    const qint64 balance = book->isEmpty() ? 0 : book->last().balanceAfterMinor;
    if (json) {
        QJsonArray entries;
        for (const LedgerEntry &e : book.value())
            entries.append(entryJson(e));
        out() << QJsonDocument(QJsonObject{{QStringLiteral("customer"), who.displayName()},
                                           {QStringLiteral("balance_minor"), balance},
                                           {QStringLiteral("entries"), entries}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return ExitOk;
    }
    out() << CustomerLookup::describe(who) << '\n';
    if (book->isEmpty())
        out() << "  No entries yet.\n";
    for (const LedgerEntry &e : book.value())
        out() << "  " << entryLine(e) << '\n';
    out() << (balance > 0   ? QStringLiteral("Owes %1.").arg(Money::format(balance))
              : balance < 0 ? QStringLiteral("Paid %1 in advance.").arg(Money::format(-balance))
                            : QStringLiteral("Owes nothing."))
          << '\n';
    return ExitOk;
}

int LedgerCommand::write(Store &store, qint64 tenantId, const QCommandLineParser &parser)
{
    const QString note = parser.value(QStringLiteral("note"));
    Result<LedgerEntry> done = Result<LedgerEntry>::failure(QString());
    if (m_action == Action::Reverse) {
        bool ok = false;
        const qint64 entry =
            parser.value(QStringLiteral("entry")).remove(QLatin1Char('#')).toLongLong(&ok);
        if (!ok || entry <= 0)
            return fail(QStringLiteral("Say which entry to undo with --entry ID (the # in "
                                       "`ledger show`)."));
        done = AccountsService::reverse(store, tenantId, kCli, entry, note);
    } else if (m_action == Action::Credit && parser.isSet(QStringLiteral("order"))) {
        bool ok = false;
        const qint64 order =
            parser.value(QStringLiteral("order")).remove(QLatin1Char('#')).toLongLong(&ok);
        if (!ok || order <= 0)
            return fail(QStringLiteral("--order takes an order number, like 42."));
        done = AccountsService::putOrderOnCredit(store, tenantId, kCli, order);
    } else {
        bool ok = false;
        LedgerEntry e;
        e.amountMinor = Money::parse(parser.value(QStringLiteral("amount")), &ok);
        if (!ok || e.amountMinor <= 0)
            return fail(QStringLiteral("Say how much with --amount, in rupees (500 or 499.50)."));
        e.kind = m_action == Action::Pay ? LedgerEntry::Kind::Payment : LedgerEntry::Kind::Credit;
        if (m_action == Action::Pay) {
            e.method = LedgerEntry::methodFrom(parser.value(QStringLiteral("method")), &ok);
            if (!ok)
                return fail(QStringLiteral("--method is cash, upi or card."));
        }
        auto who = CustomerLookup::one(store, tenantId, parser.value(QStringLiteral("customer")));
        if (!who)
            return fail(who.error());
        e.contactId = who->contactId;
        e.note = note;
        done = AccountsService::record(store, tenantId, kCli, e);
    }
    if (!done)
        return fail(done.error());
    auto balance = store.ledger().balance(tenantId, done->contactId);
    out() << "Entry #" << done->id << ": "
          << (done->kind == LedgerEntry::Kind::Credit ? "credit " : "payment ")
          << Money::format(done->amountMinor) << ". Balance now "
          << (balance ? Money::format(balance.value()) : QStringLiteral("unknown")) << ".\n";
    return ExitOk;
}

} // namespace shopdesk
