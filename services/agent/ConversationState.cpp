#include "agent/ConversationState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace shopdesk {

namespace {

QString awaitingText(ConversationState::Awaiting a)
{
    switch (a) {
    case ConversationState::Awaiting::Choice:
        return QStringLiteral("choice");
    case ConversationState::Awaiting::Confirmation:
        return QStringLiteral("confirmation");
    case ConversationState::Awaiting::Nothing:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace

qint64 ConversationState::cartTotalMinor() const
{
    qint64 total = 0;
    for (const CartLine &l : cart)
        total += qint64(std::llround(l.quantity * double(l.unitPriceMinor)));
    return total;
}

QByteArray ConversationState::toJson() const
{
    QJsonArray lines;
    for (const CartLine &l : cart)
        lines.append(QJsonObject{{QStringLiteral("product"), l.productId},
                                 {QStringLiteral("name"), l.name},
                                 {QStringLiteral("quantity"), l.quantity},
                                 {QStringLiteral("price"), l.unitPriceMinor}});
    QJsonArray ids;
    for (qint64 id : choices)
        ids.append(id);
    QJsonObject o{{QStringLiteral("cart"), lines},
                  {QStringLiteral("awaiting"), awaitingText(awaiting)},
                  {QStringLiteral("choices"), ids},
                  {QStringLiteral("choice_quantity"), choiceQuantity},
                  {QStringLiteral("choice_text"), choiceText},
                  {QStringLiteral("misunderstandings"), misunderstandings},
                  {QStringLiteral("hinglish"), hinglish}};
    if (!owner.isEmpty())
        o.insert(QStringLiteral("owner"), owner);
    if (awaySentAt.isValid())
        o.insert(QStringLiteral("away_sent_at"), awaySentAt.toMSecsSinceEpoch());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ConversationState ConversationState::fromJson(const QByteArray &json)
{
    ConversationState s;
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    for (const QJsonValue &v : o.value(QStringLiteral("cart")).toArray()) {
        const QJsonObject l = v.toObject();
        s.cart.append({l.value(QStringLiteral("product")).toInteger(),
                       l.value(QStringLiteral("name")).toString(),
                       l.value(QStringLiteral("quantity")).toDouble(),
                       l.value(QStringLiteral("price")).toInteger()});
    }
    const QString awaiting = o.value(QStringLiteral("awaiting")).toString();
    s.awaiting = awaiting == QLatin1String("choice")         ? Awaiting::Choice
                 : awaiting == QLatin1String("confirmation") ? Awaiting::Confirmation
                                                             : Awaiting::Nothing;
    for (const QJsonValue &v : o.value(QStringLiteral("choices")).toArray())
        s.choices.append(v.toInteger());
    s.choiceQuantity = o.value(QStringLiteral("choice_quantity")).toDouble(1);
    s.choiceText = o.value(QStringLiteral("choice_text")).toString();
    s.misunderstandings = o.value(QStringLiteral("misunderstandings")).toInt();
    s.hinglish = o.value(QStringLiteral("hinglish")).toBool();
    s.owner = o.value(QStringLiteral("owner")).toObject();
    if (o.contains(QStringLiteral("away_sent_at")))
        s.awaySentAt = QDateTime::fromMSecsSinceEpoch(
            o.value(QStringLiteral("away_sent_at")).toInteger(), Qt::UTC);
    return s;
}

} // namespace shopdesk
