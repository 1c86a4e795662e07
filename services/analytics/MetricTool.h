#pragma once

#include "analytics/Report.h"
#include "analytics/ReportQuestion.h"
#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace shopdesk {

// What a language model may do with a manager's question: call get_metric with one of the
// report's metrics and a range of dates (schema-checked; never SQL), get back the figures the
// engine computed, and answer with them. Its answer is kept only when every number in it is
// one of the figures returned (or a date or number of the question itself); otherwise the
// deterministic answer is given.
class MetricTool
{
public:
    static QJsonArray tools();
    static QString systemPrompt(const QDate &today);
    // The call's arguments (already schema-checked) as a question for the report.
    static Result<ReportQuestion::Parsed> read(const QJsonObject &arguments);
    // The figures of one metric, as the model sees them.
    static QJsonObject figures(const ReportQuestion::Parsed &question, const Report &report);
    // Empty when every number in `reply` comes from the evidence or the question; else the
    // first number that does not.
    static QString unsupportedNumber(const QString &reply, const QStringList &evidence,
                                     const QString &question);
};

} // namespace shopdesk
