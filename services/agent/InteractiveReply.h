#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace shopdesk {

// WhatsApp's interactive messages as Meta's Cloud API takes them: a list (one button opening up
// to 10 rows) or up to 3 reply buttons, with Meta's limits kept (a row's title 24 characters,
// its description 72, a button's title 20, the body 1,024). A tap comes back as a list_reply or
// button_reply with the row's or button's id: "choice:<n>" stands for the number n, and
// "confirm:yes" / "confirm:no" for the words (MediaGate::tapText).
class InteractiveReply
{
public:
    struct Row
    {
        QString id;
        QString title;
        QString description;
    };
    static constexpr int kMaxRows = 10;
    static constexpr int kMaxButtons = 3;

    static QJsonObject list(const QString &button, const QList<Row> &rows);
    static QJsonObject buttons(const QList<QPair<QString, QString>> &idAndTitle);
    // The interactive object with its body text; empty (send plain text) when the text is too
    // long for one.
    static QJsonObject withBody(QJsonObject interactive, const QString &text);
    // Cut to `limit` characters, with an ellipsis when something was cut.
    static QString fit(const QString &text, int limit);
};

} // namespace shopdesk
