#pragma once

#include "analytics/Report.h"
#include "core/Result.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace shopdesk {

// A manager's question in plain words ("aaj kitna sale hua?", "top products last week",
// "kitne chats bot ne solve kiye is mahine", "which customers owe money") read without a
// language model: one of the report's metrics and a range of days, from the English and Hinglish
// phrases in resources/analytics/questions.json. The answer quotes only figures of the report
// built for that range, and names the chart they came from.
class ReportQuestion
{
public:
    struct Parsed
    {
        QString metric; // "revenue", "bot_resolved", ... (questions.json)
        QString label;  // "sales"
        ReportRange range;
        bool dateGiven = false; // else the last 30 days
    };
    // Fails, with the list of what can be asked, when no metric is recognised.
    static Result<Parsed> parse(const QString &question, const QDate &today);
    static QStringList metricLabels();
    static QStringList metricIds(); // "revenue", "bot_resolved", ... in questions.json's order
    static QString help();          // "I can answer questions about: ..."

    static QString answer(const Parsed &question, const Report &report);
    // Where the figures are in the Analytics pane: conversations, resolution, gaps, mood, orders.
    static QString chartOf(const QString &metric);
};

} // namespace shopdesk
