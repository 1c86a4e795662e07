#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace shopdesk {

// One thing a provider told us, in our own words: a message from (or to) a customer, or a
// delivery status of a message we sent. Every provider's webhook is normalized into these; they
// are what the inbox records before a webhook is acknowledged.
struct InboundItem
{
    enum class Kind { Message, Status };

    Kind kind = Kind::Message;
    QString providerMessageId; // the message's id; for a status, the id of the message it is about
    QString customer;          // the customer's address: "+<digits>" or a provider user id
    QString customerName;      // the WhatsApp profile name, when the provider sent it
    QDateTime timestamp;

    // Message
    bool fromStore = false; // sent by the store from its own phone or app: a person, not the bot
    QString type;           // text image audio voice video document sticker location contacts
                            // interactive button reaction order system edit revoke unsupported
    QString body;           // what a person reads in the chat bubble
    QString replyTo;        // provider id of the message this one quotes
    QString mediaId;        // provider media id (Meta) ...
    QString mediaUrl;       // ... or URL (Twilio, Meta's newer payloads, Evolution)
    QString mediaMime;
    QString mediaFileName;
    QByteArray mediaData; // media the provider sent inline (Evolution base64)
    QJsonObject extra;    // type-specific details kept for the console and the agent

    // Status
    QString status;      // sent delivered read played failed (provider words mapped to ours)
    QString errorCode;   // the provider's error code on a failed status
    QString errorText;   // the provider's own words for it
    QString correlation; // our outbox id echoed back by the provider, when we could pass one

    // The key a repeated delivery of the same thing shares.
    QString dedupeKey() const;
    bool hasMedia() const
    {
        return !mediaId.isEmpty() || !mediaUrl.isEmpty() || !mediaData.isEmpty();
    }

    QJsonObject toJson() const;
    static InboundItem fromJson(const QJsonObject &json);
};

QString toText(InboundItem::Kind kind);

} // namespace shopdesk
