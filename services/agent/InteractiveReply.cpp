#include "agent/InteractiveReply.h"

#include <QJsonArray>

namespace shopdesk {

QString InteractiveReply::fit(const QString &text, int limit)
{
    const QString t = text.simplified();
    return t.size() <= limit ? t : t.left(limit - 1).trimmed() + QStringLiteral("…");
}

QJsonObject InteractiveReply::list(const QString &button, const QList<Row> &rows)
{
    QJsonArray out;
    for (const Row &r : rows.mid(0, kMaxRows)) {
        QJsonObject row{{QStringLiteral("id"), r.id}, {QStringLiteral("title"), fit(r.title, 24)}};
        if (!r.description.isEmpty())
            row.insert(QStringLiteral("description"), fit(r.description, 72));
        out.append(row);
    }
    return {{QStringLiteral("type"), QStringLiteral("list")},
            {QStringLiteral("action"),
             QJsonObject{{QStringLiteral("button"), fit(button, 20)},
                         {QStringLiteral("sections"),
                          QJsonArray{QJsonObject{{QStringLiteral("title"), fit(button, 24)},
                                                 {QStringLiteral("rows"), out}}}}}}};
}

QJsonObject InteractiveReply::buttons(const QList<QPair<QString, QString>> &idAndTitle)
{
    QJsonArray out;
    for (const auto &[id, title] : idAndTitle.mid(0, kMaxButtons))
        out.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("reply")},
            {QStringLiteral("reply"),
             QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("title"), fit(title, 20)}}}});
    return {{QStringLiteral("type"), QStringLiteral("button")},
            {QStringLiteral("action"), QJsonObject{{QStringLiteral("buttons"), out}}}};
}

QJsonObject InteractiveReply::withBody(QJsonObject interactive, const QString &text)
{
    if (interactive.isEmpty() || text.isEmpty() || text.size() > 1024)
        return {};
    interactive.insert(QStringLiteral("body"), QJsonObject{{QStringLiteral("text"), text}});
    return interactive;
}

} // namespace shopdesk
