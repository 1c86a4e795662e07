#include "domain/Conversation.h"
#include "domain/Customer.h"
#include "domain/LedgerEntry.h"
#include "domain/Message.h"
#include "domain/Operator.h"
#include "domain/OutboxItem.h"

#include <array>
#include <utility>

namespace shopdesk {
namespace {

template<typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename E, std::size_t N>
E valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &text, E fallback)
{
    for (const auto &[e, name] : table) {
        if (text == QLatin1String(name))
            return e;
    }
    return fallback;
}

constexpr std::array<std::pair<LedgerEntry::Method, const char *>, 4> kMethods{
    {{LedgerEntry::Method::None, ""},
     {LedgerEntry::Method::Cash, "cash"},
     {LedgerEntry::Method::Upi, "upi"},
     {LedgerEntry::Method::Card, "card"}}};

constexpr std::array<std::pair<OperatorRole, const char *>, 3> kRoles{
    {{OperatorRole::Owner, "owner"},
     {OperatorRole::Manager, "manager"},
     {OperatorRole::Agent, "agent"}}};
constexpr std::array<std::pair<OwnerKind, const char *>, 3> kOwners{
    {{OwnerKind::Bot, "bot"}, {OwnerKind::Human, "human"}, {OwnerKind::Closed, "closed"}}};
constexpr std::array<std::pair<Direction, const char *>, 2> kDirections{
    {{Direction::Inbound, "in"}, {Direction::Outbound, "out"}}};
constexpr std::array<std::pair<Author, const char *>, 4> kAuthors{{{Author::Customer, "customer"},
                                                                   {Author::Bot, "bot"},
                                                                   {Author::Human, "human"},
                                                                   {Author::System, "system"}}};
constexpr std::array<std::pair<MessageStatus, const char *>, 6> kStatuses{
    {{MessageStatus::Received, "received"},
     {MessageStatus::Queued, "queued"},
     {MessageStatus::Sent, "sent"},
     {MessageStatus::Delivered, "delivered"},
     {MessageStatus::Read, "read"},
     {MessageStatus::Failed, "failed"}}};

constexpr std::array<std::pair<OutboxItem::State, const char *>, 6> kOutboxStates{
    {{OutboxItem::State::Pending, "pending"},
     {OutboxItem::State::Sending, "sending"},
     {OutboxItem::State::Sent, "sent"},
     {OutboxItem::State::Failed, "failed"},
     {OutboxItem::State::Cancelled, "cancelled"},
     {OutboxItem::State::Interrupted, "interrupted"}}};

} // namespace

QString toText(OutboxItem::State s)
{
    return nameOf(kOutboxStates, s);
}
OutboxItem::State outboxStateFromString(const QString &t)
{
    return valueOf(kOutboxStates, t, OutboxItem::State::Pending);
}

QString toText(OperatorRole role)
{
    return nameOf(kRoles, role);
}
OperatorRole operatorRoleFromString(const QString &t)
{
    return valueOf(kRoles, t, OperatorRole::Agent);
}
QString toText(OwnerKind kind)
{
    return nameOf(kOwners, kind);
}
OwnerKind ownerKindFromString(const QString &t)
{
    return valueOf(kOwners, t, OwnerKind::Bot);
}
QString toText(Direction d)
{
    return nameOf(kDirections, d);
}
Direction directionFromString(const QString &t)
{
    return valueOf(kDirections, t, Direction::Inbound);
}
QString toText(Author a)
{
    return nameOf(kAuthors, a);
}
Author authorFromString(const QString &t)
{
    return valueOf(kAuthors, t, Author::Customer);
}
QString toText(MessageStatus s)
{
    return nameOf(kStatuses, s);
}
MessageStatus messageStatusFromString(const QString &t)
{
    return valueOf(kStatuses, t, MessageStatus::Received);
}

QString LedgerEntry::kindName(Kind kind)
{
    return kind == Kind::Payment ? QStringLiteral("payment") : QStringLiteral("credit");
}

LedgerEntry::Kind LedgerEntry::kindFrom(const QString &name)
{
    return name == QLatin1String("payment") ? Kind::Payment : Kind::Credit;
}

QString LedgerEntry::methodName(Method method)
{
    return nameOf(kMethods, method);
}

LedgerEntry::Method LedgerEntry::methodFrom(const QString &name, bool *ok)
{
    const QString n = name.trimmed().toLower();
    Method m = valueOf(kMethods, n, Method::None);
    if (m == Method::None && (n == QLatin1String("gpay") || n == QLatin1String("paytm") ||
                              n == QLatin1String("phonepe") || n == QLatin1String("online")))
        m = Method::Upi;
    if (ok)
        *ok = m != Method::None || n.isEmpty();
    return m;
}

QString LedgerEntry::methodLabel(Method method)
{
    switch (method) {
    case Method::Cash:
        return QStringLiteral("Cash");
    case Method::Upi:
        return QStringLiteral("UPI");
    case Method::Card:
        return QStringLiteral("Card");
    case Method::None:
        break;
    }
    return {};
}

QString Customer::displayName() const
{
    if (!profile.name.trimmed().isEmpty())
        return profile.name;
    if (!profile.nickname.trimmed().isEmpty())
        return profile.nickname;
    return phone.isEmpty() ? QStringLiteral("Walk-in customer") : QStringLiteral("+") + phone;
}

} // namespace shopdesk
