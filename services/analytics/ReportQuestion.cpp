#include "analytics/ReportQuestion.h"

#include "agent/MessageNormalizer.h"
#include "analytics/ReportFormat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace shopdesk {

namespace {

struct Vocabulary
{
    struct Entry
    {
        QString id;
        QString label;
        QStringList phrases; // normalised
    };
    QList<Entry> metrics;
    QList<Entry> dates;
};

const Vocabulary &vocabulary()
{
    static const Vocabulary v = [] {
        Vocabulary out;
        QFile f(QStringLiteral(":/analytics/questions.json"));
        if (!f.open(QIODevice::ReadOnly))
            return out;
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        const auto read = [](const QJsonArray &list, bool normalise) {
            QList<Vocabulary::Entry> entries;
            for (const QJsonValue &v : list) {
                const QJsonObject o = v.toObject();
                Vocabulary::Entry e{o.value(QLatin1String("id")).toString(),
                                    o.value(QLatin1String("label")).toString(),
                                    {}};
                for (const QJsonValue &p : o.value(QLatin1String("phrases")).toArray())
                    e.phrases << (normalise ? MessageNormalizer::normalize(p.toString())
                                            : p.toString());
                entries << e;
            }
            return entries;
        };
        out.metrics = read(root.value(QLatin1String("metrics")).toArray(), true);
        out.dates = read(root.value(QLatin1String("dates")).toArray(), false);
        return out;
    }();
    return v;
}

// Whole words: "sale" in "kitna sale hua", not in "wholesale"; a phrase may end inside a word
// ("escalat" for "escalated", "order" for "orders").
bool containsPhrase(const QString &text, const QString &phrase)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(phrase, from);
        if (at < 0)
            return false;
        if (at == 0 || !text.at(at - 1).isLetterOrNumber())
            return true;
        from = at + 1;
    }
}

bool dateRange(const QString &id, const QRegularExpressionMatch &days, const QDate &today,
               ReportRange &r)
{
    if (id == QLatin1String("today")) {
        r.from = r.to = today;
    } else if (id == QLatin1String("yesterday")) { // "kal" asked about the past is yesterday
        r.from = r.to = today.addDays(-1);
    } else if (id == QLatin1String("this_week")) {
        r.from = today.addDays(1 - today.dayOfWeek());
        r.to = today;
    } else if (id == QLatin1String("last_week")) {
        r.to = today.addDays(-today.dayOfWeek());
        r.from = r.to.addDays(-6);
    } else if (id == QLatin1String("this_month")) {
        r.from = QDate(today.year(), today.month(), 1);
        r.to = today;
    } else if (id == QLatin1String("last_month")) {
        r.to = QDate(today.year(), today.month(), 1).addDays(-1);
        r.from = QDate(r.to.year(), r.to.month(), 1);
    } else if (id == QLatin1String("this_year")) {
        r.from = QDate(today.year(), 1, 1);
        r.to = today;
    } else if (id == QLatin1String("last_days") && days.hasMatch()) {
        const int n = std::clamp(days.captured(1).toInt(), 1, 3660);
        r.to = today;
        r.from = today.addDays(1 - n);
    } else {
        return false;
    }
    return true;
}

} // namespace

QStringList ReportQuestion::metricIds()
{
    QStringList out;
    for (const auto &m : vocabulary().metrics)
        out << m.id;
    return out;
}

QStringList ReportQuestion::metricLabels()
{
    QStringList out;
    for (const auto &m : vocabulary().metrics)
        out << m.label;
    return out;
}

QString ReportQuestion::help()
{
    return QStringLiteral("I can answer questions about: %1. For example \"aaj kitna sale hua?\", "
                          "\"top products last week\" or \"kitne chats bot ne solve kiye is "
                          "mahine\".")
        .arg(metricLabels().join(QStringLiteral(", ")));
}

Result<ReportQuestion::Parsed> ReportQuestion::parse(const QString &question, const QDate &today)
{
    const QString text = MessageNormalizer::normalize(question);
    Parsed p;
    for (const auto &m : vocabulary().metrics) {
        for (const QString &phrase : m.phrases)
            if (!phrase.isEmpty() && containsPhrase(text, phrase)) {
                p.metric = m.id;
                p.label = m.label;
                break;
            }
        if (!p.metric.isEmpty())
            break;
    }
    if (p.metric.isEmpty())
        return Result<Parsed>::failure(help(), ErrorKind::Invalid);
    p.range.to = today;
    p.range.from = today.addDays(-29);
    const QString lower = question.toLower();
    for (const auto &d : vocabulary().dates) {
        for (const QString &phrase : d.phrases) {
            const bool pattern = phrase.contains(QLatin1Char('('));
            const QRegularExpressionMatch match =
                pattern ? QRegularExpression(QStringLiteral("\\b") + phrase + QStringLiteral("\\b"))
                              .match(lower)
                        : QRegularExpressionMatch();
            if ((pattern && match.hasMatch()) ||
                (!pattern && containsPhrase(text, MessageNormalizer::normalize(phrase))))
                p.dateGiven = dateRange(d.id, match, today, p.range);
            if (p.dateGiven)
                break;
        }
        if (p.dateGiven)
            break;
    }
    return p;
}

QString ReportQuestion::chartOf(const QString &metric)
{
    if (metric == QLatin1String("bot_resolved") || metric == QLatin1String("escalations") ||
        metric == QLatin1String("response_time") || metric == QLatin1String("time_saved"))
        return QStringLiteral("resolution");
    if (metric == QLatin1String("gaps"))
        return QStringLiteral("gaps");
    if (metric == QLatin1String("sentiment"))
        return QStringLiteral("mood");
    if (metric == QLatin1String("volume"))
        return QStringLiteral("conversations");
    return QStringLiteral("orders");
}

QString ReportQuestion::answer(const Parsed &q, const Report &r)
{
    using F = ReportFormat;
    const QString when = r.range.describe();
    const QString m = q.metric;
    if (m == QLatin1String("revenue"))
        return QStringLiteral("Sales %1: %2 from %3 orders (average %4).")
            .arg(when, F::money(r.orders.revenueMinor))
            .arg(r.orders.count)
            .arg(F::money(r.orders.averageMinor));
    if (m == QLatin1String("orders"))
        return QStringLiteral(
                   "%1 orders %2, worth %3: %4 taken by the bot, %5 confirmed by people.")
            .arg(r.orders.count)
            .arg(when, F::money(r.orders.revenueMinor))
            .arg(r.orders.byBot)
            .arg(r.orders.byPeople);
    if (m == QLatin1String("top_products") || m == QLatin1String("top_customers")) {
        QStringList items;
        if (m == QLatin1String("top_products"))
            for (const auto &p : r.topProducts.mid(0, 5))
                items << QStringLiteral("%1 (%2, %3)")
                             .arg(p.name, QLocale().toString(p.quantity), F::money(p.revenueMinor));
        else
            for (const auto &c : r.topCustomers.mid(0, 5))
                items << QStringLiteral("%1 (%2 orders, %3)")
                             .arg(c.name)
                             .arg(c.orders)
                             .arg(F::money(c.revenueMinor));
        if (items.isEmpty())
            return QStringLiteral("No orders %1.").arg(when);
        return QStringLiteral("Top %1 %2: %3.")
            .arg(m == QLatin1String("top_products") ? QStringLiteral("products")
                                                    : QStringLiteral("customers"),
                 when, items.join(QStringLiteral(", ")));
    }
    if (m == QLatin1String("bot_resolved"))
        return QStringLiteral("The bot resolved %1 of %2 chats %3 (%4); %5 went to people, %6 are "
                              "too early to tell, %7 were not answered.")
            .arg(r.resolution.botResolved)
            .arg(r.chats)
            .arg(when, F::rate(r.resolution.botResolved, r.chats).section(QLatin1Char(' '), 0, 0))
            .arg(r.resolution.handedToPeople)
            .arg(r.resolution.pending)
            .arg(r.resolution.unanswered);
    if (m == QLatin1String("escalations")) {
        QStringList reasons;
        for (const auto &e : r.escalations)
            reasons << QStringLiteral("%1 %2").arg(e.count).arg(e.label.toLower());
        return QStringLiteral("%1 chats were handed to people %2%3.")
            .arg(r.escalationCount)
            .arg(when, reasons.isEmpty()
                           ? QString()
                           : QStringLiteral(": ") + reasons.join(QStringLiteral(", ")));
    }
    if (m == QLatin1String("response_time"))
        return QStringLiteral("%1: the bot's first reply took %2 (median over %3 chats; 90% within "
                              "%4); people replied %5 after a handoff (median over %6).")
            .arg(when, F::duration(r.botFirstResponse.medianMs))
            .arg(r.botFirstResponse.count)
            .arg(F::duration(r.botFirstResponse.p90Ms), F::duration(r.peopleFirstResponse.medianMs))
            .arg(r.peopleFirstResponse.count);
    if (m == QLatin1String("gaps")) {
        QStringList top;
        for (const auto &g : r.gaps.mid(0, 3))
            top << QStringLiteral("\"%1\" (%2 times)").arg(g.question).arg(g.count);
        int total = 0;
        for (const auto &g : r.gaps)
            total += g.count;
        return top.isEmpty() ? QStringLiteral("The bot answered every question %1.").arg(when)
                             : QStringLiteral("%1 questions the bot could not answer %2; most "
                                              "asked: %3.")
                                   .arg(total)
                                   .arg(when, top.join(QStringLiteral(", ")));
    }
    if (m == QLatin1String("sentiment"))
        return QStringLiteral("Customers' messages %1: %2 positive, %3 neutral, %4 negative.")
            .arg(when)
            .arg(r.sentiment.positive)
            .arg(r.sentiment.neutral)
            .arg(r.sentiment.negative);
    if (m == QLatin1String("time_saved"))
        return QStringLiteral("About %1 saved %2: %3 bot answers × %4 min each.")
            .arg(F::duration(qint64(r.timeSavedMinutes() * 60000)), when)
            .arg(r.botAnswers)
            .arg(r.minutesPerAnswer);
    if (m == QLatin1String("reminders"))
        return QStringLiteral("%1 payment reminders sent %2 to %3 customers; %4 of %5 was paid "
                              "after them.")
            .arg(r.reminders.sent)
            .arg(when)
            .arg(r.reminders.customers)
            .arg(F::money(r.reminders.paidMinor), F::money(r.reminders.remindedMinor));
    if (m == QLatin1String("owing")) {
        QStringList who;
        for (const auto &c : r.owing.mid(0, 5))
            who << QStringLiteral("%1 %2").arg(c.name, F::money(c.revenueMinor));
        return who.isEmpty() ? QStringLiteral("Nobody owes the store money.")
                             : QStringLiteral("%1 customers owe %2 in all: %3.")
                                   .arg(r.owingCustomers)
                                   .arg(F::money(r.owingMinor), who.join(QStringLiteral(", ")));
    }
    return QStringLiteral("%1 customer messages in %2 chats %3.")
        .arg(r.customerMessages)
        .arg(r.chats)
        .arg(when);
}

} // namespace shopdesk
