#pragma once

#include <QJsonArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace shopdesk {

// A store-written answer: "/" then its shortcut puts the text in the composer, with {name}
// (the customer's first name), {store} and {balance} (what the customer owes) filled in. With
// an image (a UPI QR, a price list) the text goes as the image's caption.
struct QuickReply
{
    QString shortcut;
    QString text;
    QString image; // a file on this computer, or ""

    bool operator==(const QuickReply &) const = default;
};

// An approved WhatsApp template of a channel, as the composer offers it when the 24-hour
// window has closed: its text with {{1}}, {{2}}… and how many values it takes.
struct MessageTemplate
{
    QString name;
    QString language;
    QString text;
    int params = 0;

    static QList<MessageTemplate> fromChannelTemplates(const QJsonArray &templates);
};

// What the inbox reads from a store's settings: its labels and their colours (inbox.labels, a
// JSON array of {"name", "color"} or of names; WhatsApp Business's five by default), its quick
// replies (inbox.quick_replies, a JSON array of {"shortcut", "text", "image"}) and its name.
struct InboxSettings
{
    QStringList labels;
    QMap<QString, QString> labelColors; // name -> "#rrggbb"
    QList<QuickReply> quickReplies;
    QString storeName;

    static InboxSettings fromSettings(const QMap<QString, QString> &settings);
    // The two settings this is kept in, for saving; refuses an empty or repeated shortcut or
    // label, and a shortcut with a space, in words.
    QString validate() const;
    QList<QPair<QString, QString>> toSettings() const;
    QString colorOf(const QString &label) const; // its own, or one from the default palette
    static QStringList defaultLabels();
    static QList<QuickReply> defaultQuickReplies();
};

} // namespace shopdesk
