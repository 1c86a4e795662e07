#include "analytics/ReportFormat.h"

#include "core/Money.h"

#include <QJsonArray>
#include <QTextStream>

#include <cmath>

namespace shopdesk {

namespace {

double seconds(qint64 ms)
{
    return std::round(double(ms) / 100.0) / 10.0;
}

double major(qint64 minor)
{
    return double(minor) / 100.0;
}

QJsonObject stats(const DurationStats &s)
{
    return {{QStringLiteral("count"), s.count},
            {QStringLiteral("median_s"), seconds(s.medianMs)},
            {QStringLiteral("p90_s"), seconds(s.p90Ms)}};
}

QJsonArray ids(const QList<qint64> &list)
{
    QJsonArray a;
    for (qint64 id : list)
        a.append(id);
    return a;
}

double percent(int part, int whole)
{
    return whole > 0 ? std::round(1000.0 * part / whole) / 10.0 : 0.0;
}

QJsonObject headline(const ReportHeadline &h)
{
    return {{QStringLiteral("customer_messages"), h.customerMessages},
            {QStringLiteral("chats"), h.chats},
            {QStringLiteral("bot_resolved"), h.botResolved},
            {QStringLiteral("handed_to_people"), h.handedToPeople},
            {QStringLiteral("bot_first_response_median_s"), seconds(h.botMedianMs)},
            {QStringLiteral("people_first_response_median_s"), seconds(h.peopleMedianMs)},
            {QStringLiteral("escalations"), h.escalations},
            {QStringLiteral("orders"), h.orders},
            {QStringLiteral("revenue"), major(h.revenueMinor)},
            {QStringLiteral("time_saved_minutes"), h.timeSavedMinutes}};
}

} // namespace

QString ReportFormat::duration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : QStringLiteral("%1 min").arg(s / 60);
    const qint64 m = (s + 30) / 60;
    return m % 60 ? QStringLiteral("%1 h %2 min").arg(m / 60).arg(m % 60)
                  : QStringLiteral("%1 h").arg(m / 60);
}

QString ReportFormat::rate(int part, int whole)
{
    if (whole <= 0)
        return QStringLiteral("—");
    return QStringLiteral("%1% (%2 of %3)")
        .arg(QString::number(percent(part, whole), 'f', 1))
        .arg(part)
        .arg(whole);
}

QString ReportFormat::money(qint64 minor)
{
    return Money::format(minor);
}

QString ReportFormat::change(double now, double before)
{
    if (before == 0)
        return now == 0 ? QString() : QStringLiteral("new");
    const double pct = 100.0 * (now - before) / std::abs(before);
    return QStringLiteral("%1%2%").arg(pct >= 0 ? QStringLiteral("+") : QString()).arg(qRound(pct));
}

QString ReportFormat::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QJsonObject ReportFormat::toJson(const Report &r)
{
    QJsonArray series;
    for (const Report::Bucket &b : r.buckets)
        series.append(QJsonObject{{QStringLiteral("start"), b.start.toString(Qt::ISODate)},
                                  {QStringLiteral("customer_messages"), b.customerMessages},
                                  {QStringLiteral("chats"), b.chats},
                                  {QStringLiteral("orders"), b.orders},
                                  {QStringLiteral("revenue"), major(b.revenueMinor)},
                                  {QStringLiteral("positive"), b.positive},
                                  {QStringLiteral("neutral"), b.neutral},
                                  {QStringLiteral("negative"), b.negative}});
    QJsonArray heat;
    for (const auto &day : r.heatmap) {
        QJsonArray hours;
        for (int n : day)
            hours.append(n);
        heat.append(hours);
    }
    const auto &res = r.resolution;
    QJsonArray escalations;
    for (const Report::Escalation &e : r.escalations)
        escalations.append(QJsonObject{{QStringLiteral("reason"), e.code},
                                       {QStringLiteral("label"), e.label},
                                       {QStringLiteral("count"), e.count},
                                       {QStringLiteral("wait"), stats(e.wait)},
                                       {QStringLiteral("unanswered"), e.unanswered},
                                       {QStringLiteral("chats"), ids(e.chats)}});
    QJsonArray gaps;
    for (const Report::Gap &g : r.gaps)
        gaps.append(
            QJsonObject{{QStringLiteral("question"), g.question},
                        {QStringLiteral("count"), g.count},
                        {QStringLiteral("wordings"), QJsonArray::fromStringList(g.wordings)},
                        {QStringLiteral("chats"), ids(g.chats)}});
    QJsonArray negative;
    for (const Report::NegativeChat &n : r.mostNegative)
        negative.append(QJsonObject{{QStringLiteral("chat"), n.conversationId},
                                    {QStringLiteral("contact"), n.contact},
                                    {QStringLiteral("negative_messages"), n.negativeMessages},
                                    {QStringLiteral("example"), n.example}});
    QJsonArray products;
    for (const Report::TopProduct &p : r.topProducts)
        products.append(QJsonObject{{QStringLiteral("product"), p.productId},
                                    {QStringLiteral("name"), p.name},
                                    {QStringLiteral("quantity"), p.quantity},
                                    {QStringLiteral("revenue"), major(p.revenueMinor)}});
    QJsonArray customers;
    for (const Report::TopCustomer &c : r.topCustomers)
        customers.append(QJsonObject{{QStringLiteral("contact"), c.contactId},
                                     {QStringLiteral("name"), c.name},
                                     {QStringLiteral("orders"), c.orders},
                                     {QStringLiteral("revenue"), major(c.revenueMinor)}});
    QJsonArray owing;
    for (const Report::TopCustomer &c : r.owing)
        owing.append(QJsonObject{{QStringLiteral("contact"), c.contactId},
                                 {QStringLiteral("name"), c.name},
                                 {QStringLiteral("owes"), major(c.revenueMinor)}});
    QJsonObject o{
        {QStringLiteral("from"), r.range.from.toString(Qt::ISODate)},
        {QStringLiteral("to"), r.range.to.toString(Qt::ISODate)},
        {QStringLiteral("time_zone"), QString::fromUtf8(r.range.zone.id())},
        {QStringLiteral("channel"), r.range.channelId},
        {QStringLiteral("grouping"), ReportRange::groupingText(r.range.grouping)},
        {QStringLiteral("customer_messages"), r.customerMessages},
        {QStringLiteral("chats"), r.chats},
        {QStringLiteral("series"), series},
        {QStringLiteral("heatmap"), heat},
        {QStringLiteral("bot_first_response"), stats(r.botFirstResponse)},
        {QStringLiteral("bot_never_answered"), r.botNeverAnswered},
        {QStringLiteral("people_first_response"), stats(r.peopleFirstResponse)},
        {QStringLiteral("handoffs"), r.handoffs},
        {QStringLiteral("handoffs_unanswered"), r.handoffsUnanswered},
        {QStringLiteral("resolution"),
         QJsonObject{{QStringLiteral("chats"), r.chats},
                     {QStringLiteral("bot_resolved"), res.botResolved},
                     {QStringLiteral("handed_to_people"), res.handedToPeople},
                     {QStringLiteral("pending"), res.pending},
                     {QStringLiteral("unanswered"), res.unanswered},
                     {QStringLiteral("bot_resolved_pct"), percent(res.botResolved, r.chats)},
                     {QStringLiteral("handed_to_people_pct"), percent(res.handedToPeople, r.chats)},
                     {QStringLiteral("pending_pct"), percent(res.pending, r.chats)},
                     {QStringLiteral("unanswered_pct"), percent(res.unanswered, r.chats)}}},
        {QStringLiteral("escalations"), escalations},
        {QStringLiteral("escalation_count"), r.escalationCount},
        {QStringLiteral("knowledge_gaps"), gaps},
        {QStringLiteral("sentiment"),
         QJsonObject{{QStringLiteral("available"), r.sentiment.available},
                     {QStringLiteral("source"), r.sentiment.source},
                     {QStringLiteral("positive"), r.sentiment.positive},
                     {QStringLiteral("neutral"), r.sentiment.neutral},
                     {QStringLiteral("negative"), r.sentiment.negative},
                     {QStringLiteral("most_negative_chats"), negative}}},
        {QStringLiteral("orders"),
         QJsonObject{{QStringLiteral("count"), r.orders.count},
                     {QStringLiteral("revenue"), major(r.orders.revenueMinor)},
                     {QStringLiteral("average"), major(r.orders.averageMinor)},
                     {QStringLiteral("by_bot"), r.orders.byBot},
                     {QStringLiteral("by_people"), r.orders.byPeople},
                     {QStringLiteral("by_bot_revenue"), major(r.orders.byBotRevenueMinor)},
                     {QStringLiteral("by_people_revenue"), major(r.orders.byPeopleRevenueMinor)},
                     {QStringLiteral("top_products"), products},
                     {QStringLiteral("top_customers"), customers}}},
        {QStringLiteral("reminders"),
         QJsonObject{{QStringLiteral("sent"), r.reminders.sent},
                     {QStringLiteral("customers"), r.reminders.customers},
                     {QStringLiteral("reminded"), major(r.reminders.remindedMinor)},
                     {QStringLiteral("paid_after"), major(r.reminders.paidMinor)}}},
        {QStringLiteral("owing"), QJsonObject{{QStringLiteral("customers"), r.owingCustomers},
                                              {QStringLiteral("amount"), major(r.owingMinor)},
                                              {QStringLiteral("largest"), owing}}},
        {QStringLiteral("bot_answers"), r.botAnswers},
        {QStringLiteral("minutes_per_answer"), r.minutesPerAnswer},
        {QStringLiteral("time_saved_minutes"), r.timeSavedMinutes()},
    };
    if (r.previous)
        o.insert(QStringLiteral("previous"), headline(*r.previous));
    return o;
}

QString ReportFormat::toCsv(const Report &r)
{
    QString out;
    QTextStream s(&out);
    const auto &res = r.resolution;
    s << "metric,value\n";
    s << "from," << r.range.from.toString(Qt::ISODate) << "\n";
    s << "to," << r.range.to.toString(Qt::ISODate) << "\n";
    s << "customer_messages," << r.customerMessages << "\n";
    s << "chats," << r.chats << "\n";
    s << "bot_resolved," << res.botResolved << "\n";
    s << "handed_to_people," << res.handedToPeople << "\n";
    s << "pending," << res.pending << "\n";
    s << "unanswered," << res.unanswered << "\n";
    s << "bot_first_response_median_s," << seconds(r.botFirstResponse.medianMs) << "\n";
    s << "bot_first_response_p90_s," << seconds(r.botFirstResponse.p90Ms) << "\n";
    s << "people_first_response_median_s," << seconds(r.peopleFirstResponse.medianMs) << "\n";
    s << "people_first_response_p90_s," << seconds(r.peopleFirstResponse.p90Ms) << "\n";
    s << "escalations," << r.escalationCount << "\n";
    s << "orders," << r.orders.count << "\n";
    s << "revenue," << QString::number(major(r.orders.revenueMinor), 'f', 2) << "\n";
    s << "average_order," << QString::number(major(r.orders.averageMinor), 'f', 2) << "\n";
    s << "orders_by_bot," << r.orders.byBot << "\n";
    s << "orders_by_people," << r.orders.byPeople << "\n";
    s << "reminders_sent," << r.reminders.sent << "\n";
    s << "paid_after_reminders," << QString::number(major(r.reminders.paidMinor), 'f', 2) << "\n";
    s << "bot_answers," << r.botAnswers << "\n";
    s << "time_saved_minutes," << r.timeSavedMinutes() << "\n";
    s << "\nperiod_start,customer_messages,chats,orders,revenue,positive,neutral,negative\n";
    for (const Report::Bucket &b : r.buckets)
        s << b.start.toString(Qt::ISODate) << ',' << b.customerMessages << ',' << b.chats << ','
          << b.orders << ',' << QString::number(major(b.revenueMinor), 'f', 2) << ',' << b.positive
          << ',' << b.neutral << ',' << b.negative << "\n";
    s << "\nescalation_reason,count,median_wait_s,p90_wait_s,unanswered\n";
    for (const Report::Escalation &e : r.escalations)
        s << csvField(e.label) << ',' << e.count << ',' << seconds(e.wait.medianMs) << ','
          << seconds(e.wait.p90Ms) << ',' << e.unanswered << "\n";
    s << "\nknowledge_gap,count\n";
    for (const Report::Gap &g : r.gaps)
        s << csvField(g.question) << ',' << g.count << "\n";
    s << "\nproduct,quantity,revenue\n";
    for (const Report::TopProduct &p : r.topProducts)
        s << csvField(p.name) << ',' << p.quantity << ','
          << QString::number(major(p.revenueMinor), 'f', 2) << "\n";
    s << "\ncustomer,orders,revenue\n";
    for (const Report::TopCustomer &c : r.topCustomers)
        s << csvField(c.name) << ',' << c.orders << ','
          << QString::number(major(c.revenueMinor), 'f', 2) << "\n";
    return out;
}

QString ReportFormat::toText(const Report &r)
{
    QString out;
    QTextStream s(&out);
    const auto &res = r.resolution;
    s << "Report " << r.range.describe() << " (" << r.range.zone.id() << ")\n";
    s << "  Customer messages      " << r.customerMessages << " in " << r.chats << " chats\n";
    s << "  Resolved by the bot    " << rate(res.botResolved, r.chats) << "\n";
    s << "  Handed to people       " << rate(res.handedToPeople, r.chats) << "\n";
    s << "  Too early to tell      " << rate(res.pending, r.chats) << "\n";
    s << "  Not answered           " << rate(res.unanswered, r.chats) << "\n";
    s << "  Bot first response     median " << duration(r.botFirstResponse.medianMs) << ", p90 "
      << duration(r.botFirstResponse.p90Ms) << " (" << r.botFirstResponse.count << " chats)\n";
    s << "  People first response  median " << duration(r.peopleFirstResponse.medianMs) << ", p90 "
      << duration(r.peopleFirstResponse.p90Ms) << " (" << r.peopleFirstResponse.count
      << " handoffs, " << r.handoffsUnanswered << " unanswered)\n";
    s << "  Escalations            " << r.escalationCount << "\n";
    for (const Report::Escalation &e : r.escalations)
        s << "    " << e.label << ": " << e.count << ", "
          << (e.wait.count > 0 ? QStringLiteral("waited median ") + duration(e.wait.medianMs)
                               : QStringLiteral("no reply from a person yet"))
          << "\n";
    s << "  Orders                 " << r.orders.count << ", " << money(r.orders.revenueMinor)
      << " (average " << money(r.orders.averageMinor) << "); by the bot " << r.orders.byBot
      << ", by people " << r.orders.byPeople << "\n";
    s << "  Reminders              " << r.reminders.sent << " sent, "
      << money(r.reminders.paidMinor) << " of " << money(r.reminders.remindedMinor)
      << " paid after\n";
    s << "  Time saved             " << qRound(r.timeSavedMinutes()) << " min (" << r.botAnswers
      << " bot answers x " << r.minutesPerAnswer << " min)\n";
    if (!r.gaps.isEmpty()) {
        s << "  Knowledge gaps\n";
        for (const Report::Gap &g : r.gaps.mid(0, 10))
            s << "    " << g.count << "x " << g.question << "\n";
    }
    if (r.sentiment.available)
        s << "  Mood                   " << r.sentiment.positive << " positive, "
          << r.sentiment.neutral << " neutral, " << r.sentiment.negative << " negative\n";
    return out;
}

} // namespace shopdesk
