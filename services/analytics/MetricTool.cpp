#include "analytics/MetricTool.h"

#include "agent/ModelToolSchemas.h"
#include "analytics/ReportFormat.h"

#include <QRegularExpression>

namespace shopdesk {

namespace {

// "1,234.50" and "1234.5" are the same figure.
QString canonical(QString number)
{
    number.remove(QLatin1Char(','));
    if (number.contains(QLatin1Char('.'))) {
        while (number.endsWith(QLatin1Char('0')))
            number.chop(1);
        if (number.endsWith(QLatin1Char('.')))
            number.chop(1);
    }
    return number;
}

QStringList numbersIn(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("\\d[\\d,]*(?:\\.\\d+)?"));
    QStringList out;
    for (auto it = number.globalMatch(text); it.hasNext();)
        out << canonical(it.next().captured());
    return out;
}

} // namespace

QJsonArray MetricTool::tools()
{
    QJsonObject metric{
        {QStringLiteral("type"), QStringLiteral("string")},
        {QStringLiteral("description"), QStringLiteral("which figure")},
        {QStringLiteral("enum"), QJsonArray::fromStringList(ReportQuestion::metricIds())}};
    const QJsonObject date{{QStringLiteral("type"), QStringLiteral("string")},
                           {QStringLiteral("description"),
                            QStringLiteral("a day as YYYY-MM-DD, in the store's time zone")}};
    return {ModelToolSchemas::tool(
        QStringLiteral("get_metric"),
        QStringLiteral("The store's figures for one metric over a range of days (both included): "
                       "sales, orders, top products or customers, chats the bot resolved, "
                       "escalations, response times, unanswered questions, mood, time saved, "
                       "reminders, customers who owe money, messages and chats."),
        {{QStringLiteral("metric"), metric},
         {QStringLiteral("from"), date},
         {QStringLiteral("to"), date}},
        {QStringLiteral("metric"), QStringLiteral("from"), QStringLiteral("to")})};
}

QString MetricTool::systemPrompt(const QDate &today)
{
    return QStringLiteral(
               "You answer a shop manager's question about the shop's figures. Today is %1 (%2). "
               "Call get_metric once with the metric and dates the question is about (\"aaj\" is "
               "today, \"kal\" yesterday, \"is hafte\" this week from Monday, \"pichhle mahine\" "
               "last month). Then answer in one or two short sentences in the manager's language, "
               "using only the numbers get_metric returned. Money is in rupees (₹).")
        .arg(today.toString(Qt::ISODate), QLocale(QLocale::English).dayName(today.dayOfWeek()));
}

Result<ReportQuestion::Parsed> MetricTool::read(const QJsonObject &arguments)
{
    using R = Result<ReportQuestion::Parsed>;
    ReportQuestion::Parsed p;
    p.metric = arguments.value(QLatin1String("metric")).toString();
    p.range.from =
        QDate::fromString(arguments.value(QLatin1String("from")).toString(), Qt::ISODate);
    p.range.to = QDate::fromString(arguments.value(QLatin1String("to")).toString(), Qt::ISODate);
    p.dateGiven = true;
    if (!p.range.from.isValid() || !p.range.to.isValid())
        return R::failure(QStringLiteral("get_metric: from and to are dates like 2026-11-30"),
                          ErrorKind::Invalid);
    if (p.range.from > p.range.to)
        return R::failure(QStringLiteral("get_metric: from is after to"), ErrorKind::Invalid);
    if (p.range.days() > 3660)
        return R::failure(QStringLiteral("get_metric: at most ten years"), ErrorKind::Invalid);
    return p;
}

QJsonObject MetricTool::figures(const ReportQuestion::Parsed &q, const Report &r)
{
    const QJsonObject all = ReportFormat::toJson(r);
    QJsonObject out{{QStringLiteral("metric"), q.metric},
                    {QStringLiteral("from"), r.range.from.toString(Qt::ISODate)},
                    {QStringLiteral("to"), r.range.to.toString(Qt::ISODate)},
                    {QStringLiteral("summary"), ReportQuestion::answer(q, r)}};
    const auto copy = [&](const char *key) {
        out.insert(QString::fromLatin1(key), all.value(QString::fromLatin1(key)));
    };
    const QString m = q.metric;
    if (m == QLatin1String("revenue") || m == QLatin1String("orders"))
        copy("orders");
    else if (m == QLatin1String("top_products") || m == QLatin1String("top_customers"))
        copy("orders");
    else if (m == QLatin1String("bot_resolved"))
        copy("resolution");
    else if (m == QLatin1String("escalations"))
        copy("escalations");
    else if (m == QLatin1String("response_time")) {
        copy("bot_first_response");
        copy("people_first_response");
    } else if (m == QLatin1String("gaps"))
        copy("knowledge_gaps");
    else if (m == QLatin1String("sentiment"))
        copy("sentiment");
    else if (m == QLatin1String("time_saved")) {
        copy("time_saved_minutes");
        copy("bot_answers");
    } else if (m == QLatin1String("reminders"))
        copy("reminders");
    else if (m == QLatin1String("owing"))
        copy("owing");
    else {
        copy("customer_messages");
        copy("chats");
    }
    return out;
}

QString MetricTool::unsupportedNumber(const QString &reply, const QStringList &evidence,
                                      const QString &question)
{
    QSet<QString> known;
    for (const QString &e : evidence)
        for (const QString &n : numbersIn(e))
            known << n;
    for (const QString &n : numbersIn(question))
        known << n;
    for (const QString &n : numbersIn(reply))
        if (!known.contains(n))
            return n;
    return {};
}

} // namespace shopdesk
