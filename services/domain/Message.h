#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace shopdesk {

enum class Direction { Inbound, Outbound };
enum class Author { Customer, Bot, Human, System };
// Delivery status; ordered so that a status never moves backwards.
enum class MessageStatus { Received = 0, Queued, Sent, Delivered, Read, Failed };

QString toText(Direction d);
QString toText(Author a);
QString toText(MessageStatus s);
Direction directionFromString(const QString &text);
Author authorFromString(const QString &text);
MessageStatus messageStatusFromString(const QString &text);

struct Message
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 conversationId = 0;
    Direction direction = Direction::Inbound;
    Author author = Author::Customer;
    qint64 authorOperatorId = 0;
    QString type = QStringLiteral("text"); // text, image, audio, video, document, location, ...
    QString body;
    QString mediaRef;    // where the media file is, relative to the data directory, once fetched
    QString mediaState;  // "" (no media), pending, ready, failed
    QString mediaMime;   // the content type the provider announced
    QString mediaSource; // the provider's media id or URL, to fetch it from
    QString extraJson = QStringLiteral("{}"); // type-specific details (location, buttons, ...)
    QString providerMessageId;
    MessageStatus status = MessageStatus::Received;
    QString failureReason;
    qint64 replyToId = 0;
    // A customer's text scored as it arrives (-1, 0, 1: AnalyticsService::moodOf); none: the
    // first report that covers it scores it.
    std::optional<int> mood;
    QDateTime createdAt;
    QDateTime sentAt;
    QDateTime deliveredAt;
    QDateTime readAt;
    QDateTime failedAt;

    bool hasMedia() const { return !mediaState.isEmpty(); }
};

} // namespace shopdesk
