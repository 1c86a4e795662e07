#pragma once

#include <QJsonArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace shopdesk {

// A store-written answer: "/" then its shortcut puts the text in the composer, with {name}
// (the customer's first name) and {store} filled in.
struct QuickReply
{
    QString shortcut;
    QString text;
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

// What the inbox reads from a store's settings: its labels (inbox.labels, a JSON array;
// WhatsApp Business's five by default), its quick replies (inbox.quick_replies, a JSON array
// of {"shortcut", "text"}) and its name.
struct InboxSettings
{
    QStringList labels;
    QList<QuickReply> quickReplies;
    QString storeName;

    static InboxSettings fromSettings(const QMap<QString, QString> &settings);
    static QStringList defaultLabels();
    static QList<QuickReply> defaultQuickReplies();
};

} // namespace shopdesk
