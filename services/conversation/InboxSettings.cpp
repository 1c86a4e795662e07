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

namespace {

// WhatsApp Business's label colours, in the order of the default labels.
const QStringList &palette()
{
    static const QStringList colours{QStringLiteral("#3b8ed0"), QStringLiteral("#e5a50a"),
                                     QStringLiteral("#e66100"), QStringLiteral("#2ec27e"),
                                     QStringLiteral("#9141ac"), QStringLiteral("#2190a4"),
                                     QStringLiteral("#c01c28"), QStringLiteral("#5e5c64")};
    return colours;
}

bool isColour(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return hex.match(text).hasMatch();
}

} // namespace

QString InboxSettings::colorOf(const QString &label) const
{
    const QString own = labelColors.value(label);
    if (isColour(own))
        return own;
    const qsizetype at = labels.indexOf(label);
    return palette().at(at >= 0 ? at % palette().size() : qHash(label) % palette().size());
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
    for (const QJsonValue &v : labels) {
        const QString name =
            (v.isObject() ? v[QStringLiteral("name")].toString() : v.toString()).trimmed();
        if (name.isEmpty() || out.labels.contains(name))
            continue;
        out.labels << name;
        const QString colour = v[QStringLiteral("color")].toString();
        if (isColour(colour))
            out.labelColors.insert(name, colour.toLower());
    }
    if (out.labels.isEmpty())
        out.labels = defaultLabels();
    const QJsonArray replies =
        QJsonDocument::fromJson(settings.value(QStringLiteral("inbox.quick_replies")).toUtf8())
            .array();
    for (const QJsonValue &v : replies) {
        const QString shortcut = v[QStringLiteral("shortcut")].toString().trimmed();
        const QString text = v[QStringLiteral("text")].toString().trimmed();
        if (!shortcut.isEmpty() && !text.isEmpty())
            out.quickReplies.append({shortcut, text, v[QStringLiteral("image")].toString()});
    }
    if (out.quickReplies.isEmpty())
        out.quickReplies = defaultQuickReplies();
    return out;
}

QString InboxSettings::validate() const
{
    QStringList seen;
    for (const QString &label : labels) {
        if (label.trimmed().isEmpty())
            return QStringLiteral("A label has no name.");
        if (seen.contains(label.trimmed(), Qt::CaseInsensitive))
            return QStringLiteral("The label \"%1\" is there twice.").arg(label.trimmed());
        seen << label.trimmed();
    }
    seen.clear();
    for (const QuickReply &r : quickReplies) {
        const QString shortcut = r.shortcut.trimmed();
        if (shortcut.isEmpty())
            return QStringLiteral("A quick reply has no shortcut (the word after \"/\").");
        if (shortcut.contains(QLatin1Char(' ')) || shortcut.startsWith(QLatin1Char('/')))
            return QStringLiteral("The shortcut \"%1\" must be one word, without \"/\".")
                .arg(shortcut);
        if (seen.contains(shortcut, Qt::CaseInsensitive))
            return QStringLiteral("Two quick replies use the shortcut \"/%1\".").arg(shortcut);
        if (r.text.trimmed().isEmpty())
            return QStringLiteral("The quick reply \"/%1\" has no text.").arg(shortcut);
        seen << shortcut;
    }
    return {};
}

QList<QPair<QString, QString>> InboxSettings::toSettings() const
{
    QJsonArray labelArray;
    for (const QString &label : labels)
        labelArray.append(QJsonObject{{QStringLiteral("name"), label.trimmed()},
                                      {QStringLiteral("color"), colorOf(label)}});
    QJsonArray replyArray;
    for (const QuickReply &r : quickReplies) {
        QJsonObject o{{QStringLiteral("shortcut"), r.shortcut.trimmed()},
                      {QStringLiteral("text"), r.text.trimmed()}};
        if (!r.image.isEmpty())
            o.insert(QStringLiteral("image"), r.image);
        replyArray.append(o);
    }
    const auto compact = [](const QJsonArray &a) {
        return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
    };
    return {{QStringLiteral("inbox.labels"), compact(labelArray)},
            {QStringLiteral("inbox.quick_replies"), compact(replyArray)}};
}

} // namespace shopdesk
