#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace shopdesk {

// What the bot remembers of one conversation between messages (kept as JSON in
// conversation_state): the cart being built, the question it asked and waits on, how many
// messages in a row it did not understand, whether the customer writes Hinglish, and on the
// owner's own number the owner's command context.
struct ConversationState
{
    struct CartLine
    {
        qint64 productId = 0;
        QString name;
        double quantity = 0;
        qint64 unitPriceMinor = 0;
    };
    // What the bot's last question was: nothing, "which of these?", or "shall I place it?".
    enum class Awaiting { Nothing, Choice, Confirmation };

    QList<CartLine> cart;
    Awaiting awaiting = Awaiting::Nothing;
    QList<qint64> choices; // the products offered when awaiting a choice
    double choiceQuantity = 1;
    QString choiceText; // what the customer wrote for that item
    int misunderstandings = 0;
    bool hinglish = false;
    QJsonObject owner;    // the owner's command context, on the owner's own number (OwnerContext)
    QDateTime awaySentAt; // the last away message (one per closed stretch)

    qint64 cartTotalMinor() const;
    QByteArray toJson() const;
    static ConversationState fromJson(const QByteArray &json); // empty or broken: a fresh state
};

} // namespace shopdesk
