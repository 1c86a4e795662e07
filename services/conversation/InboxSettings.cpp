#include "conversation/InboxSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace shopdesk {

QStringList InboxSettings::defaultLabels()
{
    return {QStringLiteral("New customer"), QStringLiteral("New order"),
            QStringLiteral("Pending payment"), QStringLiteral("Paid"),
            QStringLiteral("Order complete")};
}

QList<QuickReply> InboxSettings::defaultQuickReplies()
{
    return {{QStringLiteral("hello"),
             QStringLiteral("Namaste {name}! This is {store}. How can I help you?")},
            {QStringLiteral("wait"), QStringLiteral("Thank you {name}, give me two minutes to "
                                                    "check.")},
            {QStringLiteral("upi"), QStringLiteral("You can pay by UPI to our number. Please "
                                                   "send a screenshot once paid.")},
            {QStringLiteral("delivered"), QStringLiteral("Your order is on its way, {name}. "
                                                         "Thank you for shopping at {store}!")}};
}

QList<MessageTemplate> MessageTemplate::fromChannelTemplates(const QJsonArray &templates)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{(\\d+)\\}\\}"));
    QList<MessageTemplate> out;
    for (const QJsonValue &v : templates) {
        MessageTemplate t;
        t.name = v[QStringLiteral("name")].toString();
        t.language = v[QStringLiteral("language")].toString();
        t.text = v[QStringLiteral("text")].toString();
        if (t.name.isEmpty())
            continue;
        for (auto it = placeholder.globalMatch(t.text); it.hasNext();)
            t.params = std::max(t.params, it.next().captured(1).toInt());
        out.append(t);
    }
    return out;
}

InboxSettings InboxSettings::fromSettings(const QMap<QString, QString> &settings)
{
    InboxSettings out;
    out.storeName = settings.value(QStringLiteral("store.name"));
    const QJsonArray labels =
        QJsonDocument::fromJson(settings.value(QStringLiteral("inbox.labels")).toUtf8()).array();
    for (const QJsonValue &v : labels)
        if (!v.toString().trimmed().isEmpty())
            out.labels << v.toString().trimmed();
    if (out.labels.isEmpty())
        out.labels = defaultLabels();
    const QJsonArray replies =
        QJsonDocument::fromJson(settings.value(QStringLiteral("inbox.quick_replies")).toUtf8())
            .array();
    for (const QJsonValue &v : replies) {
        const QString shortcut = v[QStringLiteral("shortcut")].toString().trimmed();
        const QString text = v[QStringLiteral("text")].toString().trimmed();
        if (!shortcut.isEmpty() && !text.isEmpty())
            out.quickReplies.append({shortcut, text});
    }
    if (out.quickReplies.isEmpty())
        out.quickReplies = defaultQuickReplies();
    return out;
}

} // namespace shopdesk
