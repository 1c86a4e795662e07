#include "analytics/ReportBuilder.h"

#include "analytics/KnowledgeGapGrouper.h"
#include "analytics/LocalTimeSql.h"
#include "analytics/ReportQueries.h"
#include "analytics/SentimentLexicon.h"
#include "domain/EscalationReason.h"
#include "storage/ChatActivity.h"
#include "storage/SqlSupport.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace shopdesk {

namespace {

constexpr qint64 kDayMs = 86400000;

struct Cancelled
{
};

// The bucket (day, week or month) a LocalTimeSql day number falls in; null outside the range.
// Buckets are in order of their first day.
Report::Bucket *bucketFor(Report &r, const ReportRange &range, qint64 dayNumber)
{
    const QDate start = range.groupStart(LocalTimeSql::dateOfDay(dayNumber));
    const auto it =
        std::lower_bound(r.buckets.begin(), r.buckets.end(), start,
                         [](const Report::Bucket &b, const QDate &day) { return b.start < day; });
    return it != r.buckets.end() && it->start == start ? &*it : nullptr;
}

} // namespace

ReportBuilder::ReportBuilder(SqlBackend &db, qint64 tenantId, Options options)
    : m_db(db)
    , m_tenant(tenantId)
    , m_options(options)
{}

QString ReportBuilder::cancelledText()
{
    return QStringLiteral("The report was cancelled.");
}

QString ReportBuilder::reasonLabel(const QString &code)
{
    static const QHash<QString, QString> labels{
        {EscalationReason::AskedForPerson, QStringLiteral("Asked for a person")},
        {EscalationReason::Complaint, QStringLiteral("Complaint")},
        {EscalationReason::LowConfidence, QStringLiteral("Not sure of the answer")},
        {EscalationReason::OrderAboveLimit, QStringLiteral("Order above the limit")},
        {EscalationReason::Misunderstood, QStringLiteral("Did not understand")},
        {EscalationReason::Model, QStringLiteral("Handed over by the language model")},
        {EscalationReason::Media, QStringLiteral("Voice note, photo or file to look at")},
    };
    return labels.value(code, QStringLiteral("Other"));
}

bool ReportBuilder::step(const QString &what)
{
    if (m_cancel && m_cancel->load())
        return false;
    if (m_progress)
        m_progress(m_step, m_steps, what);
    ++m_step;
    return true;
}

Result<Report> ReportBuilder::build(const ReportRange &range)
{
    if (!range.isValid())
        return Result<Report>::failure(
            QStringLiteral("Choose a start date on or before the end date."), ErrorKind::Invalid);
    const bool previous = m_options.withPrevious;
    m_step = 0;
    m_steps = previous ? 12 : 7;
    try {
        return sql::guard([&] {
            Report r;
            r.range = range;
            r.computedAt = QDateTime::currentDateTimeUtc();
            r.minutesPerAnswer = m_options.minutesPerAnswer;
            const auto run = [&](const QString &what, auto &&f) {
                if (!step(what))
                    throw Cancelled{};
                f();
            };
            run(QStringLiteral("Counting messages"), [&] { volume(r, range); });
            run(QStringLiteral("Following each chat"), [&] { resolution(r, range); });
            run(QStringLiteral("Reading handoffs"), [&] { escalations(r, range); });
            run(QStringLiteral("Grouping unanswered questions"), [&] { knowledgeGaps(r, range); });
            run(QStringLiteral("Reading the customers' mood"), [&] { sentiment(r, range); });
            run(QStringLiteral("Adding up orders"), [&] { orders(r, range); });
            run(QStringLiteral("Reminders and answers"), [&] {
                reminders(r, range);
                r.botAnswers = ReportQueries(m_db, m_tenant, range).botAnswers();
            });
            if (previous) {
                Report p;
                p.minutesPerAnswer = m_options.minutesPerAnswer;
                const ReportRange before = range.previous();
                run(QStringLiteral("The period before: messages"), [&] { volume(p, before); });
                run(QStringLiteral("The period before: chats"), [&] { resolution(p, before); });
                run(QStringLiteral("The period before: handoffs"), [&] { escalations(p, before); });
                run(QStringLiteral("The period before: orders"), [&] { orders(p, before); });
                run(QStringLiteral("The period before: answers"),
                    [&] { p.botAnswers = ReportQueries(m_db, m_tenant, before).botAnswers(); });
                r.previous = p.headline();
            }
            return r;
        });
    } catch (const Cancelled &) {
        return Result<Report>::failure(cancelledText(), ErrorKind::Invalid);
    }
}

void ReportBuilder::volume(Report &r, const ReportRange &range)
{
    ReportQueries q(m_db, m_tenant, range);
    for (QDate d = range.from; d <= range.to; d = d.addDays(1)) {
        const QDate start = range.groupStart(d);
        if (r.buckets.isEmpty() || r.buckets.last().start != start) {
            Report::Bucket b;
            b.start = start;
            r.buckets.append(b);
        }
    }
    for (const ReportQueries::DayCount &d : q.customerMessagesByDay()) {
        r.customerMessages += d.messages;
        if (Report::Bucket *b = bucketFor(r, range, d.day)) {
            b->customerMessages += d.messages;
            // A week or month counts a chat once per day it wrote (the day's distinct chats).
            b->chats += d.chats;
        }
    }
    for (const ReportQueries::DayCount &h : q.customerMessagesByHour()) {
        const int weekday = LocalTimeSql::dateOfDay(h.day).dayOfWeek() - 1;
        if (weekday >= 0 && weekday < 7 && h.hour >= 0 && h.hour < 24)
            r.heatmap[weekday][h.hour] += h.messages;
    }
}

void ReportBuilder::resolution(Report &r, const ReportRange &range)
{
    const qint64 now = sql::now();
    QList<qint64> botTimes;
    auto &res = r.resolution;
    for (const ReportQueries::ChatRow &c : ReportQueries(m_db, m_tenant, range).chats()) {
        ++r.chats;
        if (c.firstBotAt > 0)
            botTimes << c.firstBotAt - c.firstCustomerAt;
        else
            ++r.botNeverAnswered;
        if (c.handedOff || c.personReplied) {
            ++res.handedToPeople;
            res.handedChats << c.conversationId;
        } else if (c.lastBotAt > 0 && c.lastBotAt + kDayMs > now) {
            ++res.pending;
            res.pendingChats << c.conversationId;
        } else if (c.lastBotAt > 0) {
            ++res.botResolved;
            res.botResolvedChats << c.conversationId;
        } else {
            ++res.unanswered;
            res.unansweredChats << c.conversationId;
        }
    }
    r.botFirstResponse = DurationStats::of(botTimes);
}

void ReportBuilder::escalations(Report &r, const ReportRange &range)
{
    QList<qint64> people;
    QMap<QString, QList<qint64>> waits;
    QMap<QString, Report::Escalation> byCode;
    for (const ReportQueries::HandoffRow &h : ReportQueries(m_db, m_tenant, range).handoffs()) {
        ++r.handoffs;
        if (h.repliedAt > 0)
            people << h.repliedAt - h.at;
        else
            ++r.handoffsUnanswered;
        if (h.kind != QLatin1String("escalated"))
            continue;
        const QString code =
            h.reasonCode.isEmpty() ? QString(EscalationReason::Other) : h.reasonCode;
        Report::Escalation &e = byCode[code];
        e.code = code;
        e.label = reasonLabel(code);
        ++e.count;
        ++r.escalationCount;
        if (h.repliedAt > 0)
            waits[code] << h.repliedAt - h.at;
        else
            ++e.unanswered;
        if (!e.chats.contains(h.conversationId))
            e.chats << h.conversationId;
    }
    r.peopleFirstResponse = DurationStats::of(people);
    for (auto it = byCode.begin(); it != byCode.end(); ++it) {
        it->wait = DurationStats::of(waits.value(it.key()));
        r.escalations << *it;
    }
    std::stable_sort(r.escalations.begin(), r.escalations.end(),
                     [](const auto &a, const auto &b) { return a.count > b.count; });
}

void ReportBuilder::knowledgeGaps(Report &r, const ReportRange &range)
{
    QList<KnowledgeGapGrouper::Question> questions;
    for (const auto &g : ReportQueries(m_db, m_tenant, range).knowledgeGaps())
        questions.append({g.conversationId, g.question});
    for (const auto &g : KnowledgeGapGrouper::group(questions))
        r.gaps.append({g.question, g.count, g.wordings, g.conversations});
}

void ReportBuilder::sentiment(Report &r, const ReportRange &range)
{
    const SentimentLexicon *lexicon = m_options.lexicon;
    if (!lexicon || !lexicon->isLoaded())
        return;
    r.sentiment.available = true;
    r.sentiment.source = lexicon->source();
    ReportQueries q(m_db, m_tenant, range);
    // Messages written before they were scored on arrival are scored once, in batches that
    // each commit, going forward through the range (never back over what is done).
    for (qint64 from = 0;;) {
        QList<ReportQueries::Unscored> batch = q.unscoredTexts(2000, from);
        if (batch.isEmpty())
            break;
        from = ChatActivity::slotOf(batch.last().at);
        for (auto &m : batch)
            m.mood = lexicon->mood(m.body);
        sql::transaction(m_db, [&] { q.storeMoods(batch); });
        if (m_cancel && m_cancel->load())
            throw Cancelled{};
    }
    for (const ReportQueries::MoodDay &d : q.moodsByDay()) {
        Report::Bucket *bucket = bucketFor(r, range, d.day);
        int &total = d.mood > 0   ? r.sentiment.positive
                     : d.mood < 0 ? r.sentiment.negative
                                  : r.sentiment.neutral;
        total += d.messages;
        if (bucket)
            (d.mood > 0   ? bucket->positive
             : d.mood < 0 ? bucket->negative
                          : bucket->neutral) += d.messages;
    }
    const QList<ReportQueries::NegativeRow> worst = q.mostNegative(m_options.topLimit);
    QList<qint64> ids;
    for (const auto &w : worst)
        ids << w.conversationId;
    QHash<qint64, QString> names;
    for (const auto &n : q.chatNames(ids))
        names.insert(n.conversationId, n.contact);
    for (const auto &w : worst)
        r.mostNegative.append(
            {w.conversationId, names.value(w.conversationId), w.negative, w.example.left(160)});
}

void ReportBuilder::orders(Report &r, const ReportRange &range)
{
    ReportQueries q(m_db, m_tenant, range);
    auto &o = r.orders;
    for (const ReportQueries::OrderDay &d : q.ordersByDay()) {
        o.count += d.orders;
        o.revenueMinor += d.revenueMinor;
        const bool person = d.takenBy == QLatin1String("person");
        (person ? o.byPeople : o.byBot) += d.orders;
        (person ? o.byPeopleRevenueMinor : o.byBotRevenueMinor) += d.revenueMinor;
        if (Report::Bucket *b = bucketFor(r, range, d.day)) {
            b->orders += d.orders;
            b->revenueMinor += d.revenueMinor;
        }
    }
    o.averageMinor = o.count > 0 ? qRound64(double(o.revenueMinor) / o.count) : 0;
    for (const auto &p : q.topProducts(m_options.topLimit))
        r.topProducts.append({p.id, p.name, p.quantity, p.revenueMinor});
    for (const auto &c : q.topCustomers(m_options.topLimit))
        r.topCustomers.append({c.id, c.name, c.count, c.revenueMinor});
}

void ReportBuilder::reminders(Report &r, const ReportRange &range)
{
    // Per customer: the largest amount reminded in the range, and what they paid after their
    // first reminder in it, up to that amount.
    struct PerContact
    {
        qint64 reminded = 0;
        qint64 paidAfterFirst = -1;
    };
    QMap<qint64, PerContact> contacts;
    for (const auto &row : ReportQueries(m_db, m_tenant, range).reminders()) {
        ++r.reminders.sent;
        PerContact &c = contacts[row.contactId];
        c.reminded = std::max(c.reminded, row.amountMinor);
        if (c.paidAfterFirst < 0)
            c.paidAfterFirst = row.paidAfterMinor; // rows come oldest first per contact
    }
    r.reminders.customers = int(contacts.size());
    for (const auto &owed : ReportQueries(m_db, m_tenant, range).balancesOwed()) {
        ++r.owingCustomers;
        r.owingMinor += owed.revenueMinor;
        if (r.owing.size() < m_options.topLimit)
            r.owing.append({owed.id, owed.name, 0, owed.revenueMinor});
    }
    for (const PerContact &c : std::as_const(contacts)) {
        r.reminders.remindedMinor += c.reminded;
        r.reminders.paidMinor += std::min(c.reminded, std::max<qint64>(0, c.paidAfterFirst));
    }
}

} // namespace shopdesk
