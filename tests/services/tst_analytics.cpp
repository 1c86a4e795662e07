// The analytics on SQLite and PostgreSQL over a generated history whose answers the test
// works out on its own: a timeline per chat kept here, and every metric recomputed from it in
// plain C++ (no SQL), then compared with the report. Edge cases: a chat escalated then handed
// back, a chat closed and reopened, a day with no messages, messages either side of local
// midnight in a +5:30 zone, a daylight-saving change, and a chat too recent to judge.
#include "EngineHarness.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "analytics/AnalyticsService.h"
#include "analytics/KnowledgeGapGrouper.h"
#include "analytics/ReportBuilder.h"
#include "analytics/ReportFormat.h"
#include "analytics/ReportQuestion.h"
#include "analytics/SentimentLexicon.h"
#include "domain/EscalationReason.h"
#include "storage/ChatActivity.h"
#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace shopdesk;

namespace {

constexpr qint64 kMin = 60 * 1000;
constexpr qint64 kHour = 60 * kMin;
constexpr qint64 kDay = 24 * kHour;

struct Event
{
    qint64 at = 0;
    QString kind; // customer, bot, human, note, escalated, takeover, handback, close, reopen
    QString code;
};

struct Chat
{
    qint64 id = 0;
    QList<Event> timeline;
};

qint64 nearestRank(QList<qint64> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype i = qsizetype(std::ceil(p * double(v.size()))) - 1;
    return v.at(std::clamp<qsizetype>(i, 0, v.size() - 1));
}

} // namespace

class AnalyticsTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    std::unique_ptr<Store> m_store;
    qint64 m_tenant = 0;
    qint64 m_operator = 0;
    qint64 m_product = 0;
    int m_phones = 0;
    QTimeZone m_zone{QByteArrayLiteral("Asia/Kolkata")};
    QList<Chat> m_chats;
    struct OrderFact
    {
        qint64 at = 0;
        qint64 total = 0;
        bool person = false;
    };
    QList<OrderFact> m_orders;
    qint64 m_imported = 0; // outOfOrder()'s chats
    qint64 m_asked = 0;
    qint64 m_replied = 0;

    qint64 localMs(const QDate &day, int hour, int minute) const
    {
        return QDateTime(day, QTime(hour, minute), m_zone).toMSecsSinceEpoch();
    }
    static QDateTime t(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }

    // A chat: each step appends to the store through its real API and to the timeline here.
    Chat &newChat(qint64 at)
    {
        const int n = ++m_phones;
        auto contact = m_store->conversations().upsertContact(
            m_tenant, QStringLiteral("+9198%1").arg(n, 8, 10, QLatin1Char('0')),
            QStringLiteral("Customer %1").arg(n));
        auto c = m_store->conversations().openConversation(m_tenant, contact->id, 0, t(at));
        if (!c)
            qFatal("%s", qPrintable(c.error()));
        m_chats.append(Chat{c->id, {}});
        return m_chats.last();
    }
    void say(Chat &chat, const QString &kind, qint64 at, const QString &body = QString())
    {
        Message m;
        m.conversationId = chat.id;
        m.author = kind == QLatin1String("customer") ? Author::Customer
                   : kind == QLatin1String("bot")    ? Author::Bot
                                                     : Author::Human;
        m.direction = m.author == Author::Customer ? Direction::Inbound : Direction::Outbound;
        m.authorOperatorId = m.author == Author::Human ? m_operator : 0;
        m.type = kind == QLatin1String("note") ? QStringLiteral("note") : QStringLiteral("text");
        m.body = body.isEmpty() ? QStringLiteral("hello") : body;
        m.createdAt = t(at);
        auto stored = m_store->conversations().appendMessage(m_tenant, m);
        if (!stored)
            qFatal("%s", qPrintable(stored.error()));
        chat.timeline.append({at, kind, {}});
    }
    void escalate(Chat &chat, qint64 at, QLatin1StringView code)
    {
        auto r = m_store->conversations().setNeedsHuman(m_tenant, chat.id, true,
                                                        QStringLiteral("why"), t(at), code);
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        chat.timeline.append({at, QStringLiteral("escalated"), QString(code)});
    }
    void own(Chat &chat, qint64 at, OwnerKind owner, const QString &kind)
    {
        auto r = m_store->conversations().setOwner(
            m_tenant, chat.id, owner, owner == OwnerKind::Bot ? 0 : m_operator, {}, t(at));
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        chat.timeline.append({at, kind, {}});
    }
    void order(Chat &chat, qint64 at, qint64 totalMinor, bool person)
    {
        Order o;
        o.contactId = m_store->conversations().conversation(m_tenant, chat.id)->contactId;
        o.conversationId = chat.id;
        o.status = QStringLiteral("confirmed");
        o.takenBy = person ? QStringLiteral("person") : QStringLiteral("bot");
        o.createdAt = t(at);
        o.lines.append({0, m_product, QStringLiteral("Milk"), 1, QString(), totalMinor, 0});
        o.fromHistory = true; // the history's goods are not in today's stock
        auto r = m_store->catalog().addOrder(m_tenant, o);
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        m_orders.append({at, totalMinor, person});
    }

    // 20 days of chats from `first`, none on day 7; a seeded mix of every kind of chat.
    void generate(const QDate &first)
    {
        QRandomGenerator rng(20261203);
        static const QLatin1StringView codes[] = {
            EscalationReason::AskedForPerson, EscalationReason::Complaint,
            EscalationReason::LowConfidence, EscalationReason::OrderAboveLimit,
            EscalationReason::Misunderstood};
        for (int day = 0; day < 20; ++day) {
            if (day == 7)
                continue; // a day with no messages
            const int count = 3 + rng.bounded(4);
            for (int i = 0; i < count; ++i) {
                const qint64 t0 = localMs(first.addDays(day), rng.bounded(24), rng.bounded(60));
                Chat &c = newChat(t0);
                say(c, QStringLiteral("customer"), t0, QStringLiteral("is milk available"));
                const int kind = rng.bounded(100);
                if (kind < 5)
                    continue; // nobody answers
                const qint64 bot = t0 + 1000 * (1 + rng.bounded(90));
                say(c, QStringLiteral("bot"), bot);
                if (kind < 50) {
                    if (rng.bounded(2))
                        order(c, bot + kMin, 100 * (50 + rng.bounded(500)), false);
                } else if (kind < 75) {
                    const qint64 e = bot + 2 * kMin;
                    escalate(c, e, codes[rng.bounded(5)]);
                    say(c, QStringLiteral("bot"), e + 1000, QStringLiteral("A person will reply"));
                    if (rng.bounded(10) < 7) {
                        own(c, e + 5 * kMin, OwnerKind::Human, QStringLiteral("takeover"));
                        say(c, QStringLiteral("note"), e + 6 * kMin);
                        say(c, QStringLiteral("human"), e + kMin * (7 + rng.bounded(30)));
                        order(c, e + 40 * kMin, 100 * (800 + rng.bounded(500)), true);
                    } else {
                        // escalated, nobody replied, handed back: the bot answers later
                        own(c, e + 30 * kMin, OwnerKind::Human, QStringLiteral("takeover"));
                        own(c, e + 31 * kMin, OwnerKind::Bot, QStringLiteral("handback"));
                        say(c, QStringLiteral("customer"), e + 40 * kMin);
                        say(c, QStringLiteral("bot"), e + 41 * kMin);
                    }
                } else if (kind < 85) {
                    // a person steps in without being asked
                    own(c, bot + 3 * kMin, OwnerKind::Human, QStringLiteral("takeover"));
                    say(c, QStringLiteral("human"), bot + 5 * kMin);
                } else {
                    // closed, then the customer writes again two days later: reopened
                    own(c, bot + 10 * kMin, OwnerKind::Closed, QStringLiteral("close"));
                    own(c, t0 + 2 * kDay, OwnerKind::Bot, QStringLiteral("reopen"));
                    say(c, QStringLiteral("customer"), t0 + 2 * kDay + 1000);
                    say(c, QStringLiteral("bot"), t0 + 2 * kDay + 20000);
                }
            }
        }
        // Either side of local midnight (India is UTC+5:30: 23:50 is 18:20 UTC, 00:10 is
        // 18:40 UTC the same UTC day).
        Chat &late = newChat(localMs(first.addDays(3), 23, 50));
        say(late, QStringLiteral("customer"), localMs(first.addDays(3), 23, 50));
        say(late, QStringLiteral("customer"), localMs(first.addDays(4), 0, 10));
        outOfOrder(first);
        for (Chat &c : m_chats)
            std::stable_sort(c.timeline.begin(), c.timeline.end(),
                             [](const Event &a, const Event &b) { return a.at < b.at; });
    }

    // Writes that come late or out of order (history imported afterwards, a phone's backlog):
    // the reports' facts must come out as if they had come in order.
    void outOfOrder(const QDate &first)
    {
        // Two exchanges within one 15 minutes, written newest first: the bot's first answer
        // after the first customer message is 20 s, though a later one was written first.
        const qint64 a = localMs(first.addDays(10), 10, 1);
        Chat &imported = newChat(a);
        m_imported = imported.id;
        say(imported, QStringLiteral("bot"), a + 60000);
        say(imported, QStringLiteral("customer"), a + 40000);
        say(imported, QStringLiteral("bot"), a + 20000);
        say(imported, QStringLiteral("customer"), a);
        // A person wrote first, in the same 15 minutes, then the customer and the bot: a
        // person before the customer wrote is no handoff of this chat.
        const qint64 b = localMs(first.addDays(11), 16, 2);
        Chat &asked = newChat(b);
        m_asked = asked.id;
        say(asked, QStringLiteral("human"), b);
        say(asked, QStringLiteral("customer"), b + 60000);
        say(asked, QStringLiteral("bot"), b + 90000);
        // The person's reply is written before the handoffs it answers are recorded.
        const qint64 c = localMs(first.addDays(12), 12, 0);
        Chat &replied = newChat(c);
        m_replied = replied.id;
        say(replied, QStringLiteral("customer"), c);
        say(replied, QStringLiteral("bot"), c + 30000);
        say(replied, QStringLiteral("human"), c + 9 * kMin);
        escalate(replied, c + 2 * kMin, EscalationReason::Complaint);
        own(replied, c + 5 * kMin, OwnerKind::Human, QStringLiteral("takeover"));
        // The last day's question answered by the bot three days after the range.
        const qint64 d = localMs(first.addDays(19), 22, 0);
        Chat &slow = newChat(d);
        say(slow, QStringLiteral("customer"), d);
        say(slow, QStringLiteral("bot"), d + 3 * kDay + 11 * kHour);
    }

    Report report(const ReportRange &range)
    {
        auto r = AnalyticsService::build(*m_store, m_tenant, range);
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        return std::move(r).value();
    }

private Q_SLOTS:
    void init()
    {
        const DatabaseUrl url = m_databases.fresh();
        QVERIFY2(!url.toString().isEmpty(), qPrintable(m_databases.lastError()));
        auto s = Store::open(url);
        QVERIFY2(s, qPrintable(s.error()));
        m_store = std::move(s).value();
        SD_TAKE(tenant, m_store->tenants().addTenant(QStringLiteral("a"), QStringLiteral("A")));
        m_tenant = tenant.id;
        SD_VERIFY_OK(m_store->tenants().setSetting(m_tenant, QStringLiteral("store.time_zone"),
                                                   QStringLiteral("Asia/Kolkata")));
        Operator op;
        op.name = QStringLiteral("Priya");
        SD_TAKE(added, m_store->operators().add(m_tenant, op));
        m_operator = added.id;
        Product milk;
        milk.sku = QStringLiteral("MILK");
        milk.name = QStringLiteral("Milk");
        milk.priceMinor = 3000;
        SD_VERIFY_OK(m_store->catalog().upsertProducts(m_tenant, {milk}));
        SD_TAKE(products, m_store->catalog().products(m_tenant));
        m_product = products.first().id;
        m_chats.clear();
        m_orders.clear();
        m_phones = 0;
    }
    void cleanup() { m_store.reset(); }

    void everyMetricMatchesTheHistory()
    {
        const QDate first = QDate::currentDate().addDays(-30);
        generate(first);
        ReportRange range;
        range.from = first;
        range.to = first.addDays(19);
        const Report r = report(range);
        QCOMPARE(r.range.zone.id(), QByteArray("Asia/Kolkata")); // the store's setting
        const qint64 start = localMs(range.from, 0, 0);
        const qint64 end = localMs(range.to.addDays(1), 0, 0);
        const auto inRange = [&](qint64 at) {
            return at >= start && at < end;
        };

        // Volume per local day, and the heatmap.
        QMap<QDate, int> perDay;
        int messages = 0;
        std::array<std::array<int, 24>, 7> heat{};
        for (const Chat &c : std::as_const(m_chats))
            for (const Event &e : c.timeline)
                if (e.kind == QLatin1String("customer") && inRange(e.at)) {
                    const QDateTime local = t(e.at).toTimeZone(m_zone);
                    ++perDay[local.date()];
                    ++heat[local.date().dayOfWeek() - 1][local.time().hour()];
                    ++messages;
                }
        QCOMPARE(r.customerMessages, messages);
        QCOMPARE(r.buckets.size(), 20);
        for (const Report::Bucket &b : r.buckets)
            QCOMPARE(b.customerMessages, perDay.value(b.start));
        QCOMPARE(r.buckets.at(7).customerMessages, 0); // the empty day is there, as zero
        QVERIFY(r.buckets.at(3).customerMessages >= 1 && r.buckets.at(4).customerMessages >= 1);
        QVERIFY(r.heatmap == heat);

        // Resolution and the bot's first response, from each chat's timeline.
        int chats = 0, resolved = 0, handed = 0, unanswered = 0, neverAnswered = 0;
        QList<qint64> botTimes;
        for (const Chat &c : std::as_const(m_chats)) {
            qint64 firstCustomer = -1, firstBot = -1, lastBot = -1;
            for (const Event &e : c.timeline)
                if (e.kind == QLatin1String("customer") && inRange(e.at) &&
                    (firstCustomer < 0 || e.at < firstCustomer))
                    firstCustomer = e.at;
            if (firstCustomer < 0)
                continue;
            ++chats;
            for (const Event &e : c.timeline)
                if (e.kind == QLatin1String("bot") && e.at >= firstCustomer) {
                    if (firstBot < 0 || e.at < firstBot)
                        firstBot = e.at;
                    if (e.at < end)
                        lastBot = std::max(lastBot, e.at);
                }
            const qint64 until = (lastBot >= 0 ? lastBot : end) + kDay;
            bool person = false;
            for (const Event &e : c.timeline)
                if (e.at >= firstCustomer && e.at < until &&
                    (e.kind == QLatin1String("human") || e.kind == QLatin1String("escalated") ||
                     e.kind == QLatin1String("takeover")))
                    person = true;
            if (firstBot >= 0)
                botTimes << firstBot - firstCustomer;
            else
                ++neverAnswered;
            person ? ++handed : lastBot >= 0 ? ++resolved : ++unanswered;
        }
        QCOMPARE(r.chats, chats);
        QCOMPARE(r.resolution.botResolved, resolved);
        QCOMPARE(r.resolution.handedToPeople, handed);
        QCOMPARE(r.resolution.unanswered, unanswered);
        QCOMPARE(r.resolution.pending, 0);
        QCOMPARE(resolved + handed + unanswered, chats); // the rates add up to 100%
        QVERIFY(resolved > 0 && handed > 0 && unanswered > 0);
        QCOMPARE(r.resolution.botResolvedChats.size(), resolved);
        QCOMPARE(r.botNeverAnswered, neverAnswered);
        QCOMPARE(r.botFirstResponse.count, int(botTimes.size()));
        QCOMPARE(r.botFirstResponse.medianMs, nearestRank(botTimes, 0.5));
        QCOMPARE(r.botFirstResponse.p90Ms, nearestRank(botTimes, 0.9));

        // Handoffs: from escalating (or a person stepping in unasked) to a person's reply
        // before the chat went back to the bot or closed; waits per reason.
        QList<qint64> people;
        int handoffs = 0, handoffsUnanswered = 0, escalations = 0;
        QMap<QString, int> byReason;
        QMap<QString, QList<qint64>> waits;
        for (const Chat &c : std::as_const(m_chats)) {
            for (int i = 0; i < c.timeline.size(); ++i) {
                const Event &e = c.timeline.at(i);
                const bool unasked =
                    e.kind == QLatin1String("takeover") &&
                    (i == 0 ||
                     std::none_of(c.timeline.begin(), c.timeline.begin() + i, [](const Event &x) {
                         return x.kind == QLatin1String("escalated");
                     }));
                if (!inRange(e.at) || (e.kind != QLatin1String("escalated") && !unasked))
                    continue;
                ++handoffs;
                qint64 replied = -1;
                for (int j = i + 1; j < c.timeline.size(); ++j) {
                    const Event &x = c.timeline.at(j);
                    if (x.kind == QLatin1String("handback") || x.kind == QLatin1String("close"))
                        break;
                    if (x.kind == QLatin1String("human")) {
                        replied = x.at;
                        break;
                    }
                }
                if (replied >= 0)
                    people << replied - e.at;
                else
                    ++handoffsUnanswered;
                if (e.kind == QLatin1String("escalated")) {
                    ++escalations;
                    ++byReason[e.code];
                    if (replied >= 0)
                        waits[e.code] << replied - e.at;
                }
            }
        }
        QCOMPARE(r.handoffs, handoffs);
        QCOMPARE(r.handoffsUnanswered, handoffsUnanswered);
        QCOMPARE(r.peopleFirstResponse.medianMs, nearestRank(people, 0.5));
        QCOMPARE(r.peopleFirstResponse.p90Ms, nearestRank(people, 0.9));
        QCOMPARE(r.escalationCount, escalations);
        QCOMPARE(r.escalations.size(), byReason.size());
        for (const Report::Escalation &e : r.escalations) {
            QCOMPARE(e.count, byReason.value(e.code));
            QCOMPARE(e.wait.medianMs, nearestRank(waits.value(e.code), 0.5));
            QVERIFY(!e.label.isEmpty() && e.label != QLatin1String("Other"));
        }

        // Orders.
        int orders = 0, byPeople = 0;
        qint64 revenue = 0;
        for (const OrderFact &o : std::as_const(m_orders))
            if (inRange(o.at)) {
                ++orders;
                revenue += o.total;
                byPeople += o.person ? 1 : 0;
            }
        QCOMPARE(r.orders.count, orders);
        QCOMPARE(r.orders.revenueMinor, revenue);
        QCOMPARE(r.orders.byPeople, byPeople);
        QCOMPARE(r.orders.byBot, orders - byPeople);
        QCOMPARE(r.orders.averageMinor, qRound64(double(revenue) / orders));
        QCOMPARE(r.topProducts.size(), 1);
        QCOMPARE(r.topProducts.first().revenueMinor, revenue);

        // Time saved: bot answers x 2 minutes (the default).
        int botAnswers = 0;
        for (const Chat &c : std::as_const(m_chats))
            for (const Event &e : c.timeline)
                botAnswers += e.kind == QLatin1String("bot") && inRange(e.at) ? 1 : 0;
        QCOMPARE(r.botAnswers, botAnswers);
        QCOMPARE(r.timeSavedMinutes(), 2.0 * botAnswers);

        // The previous period is empty: every card's figure before is zero.
        QVERIFY(r.previous.has_value());
        QCOMPARE(r.previous->customerMessages, 0);

        // The CSV and JSON carry the same figures.
        const QJsonObject json = ReportFormat::toJson(r);
        QCOMPARE(json.value(QLatin1String("chats")).toInt(), chats);
        QCOMPARE(json.value(QLatin1String("resolution"))
                     .toObject()
                     .value(QLatin1String("bot_resolved"))
                     .toInt(),
                 resolved);
        QVERIFY(
            ReportFormat::toCsv(r).contains(QStringLiteral("\nbot_resolved,%1\n").arg(resolved)));
    }

    // What the reports read (chat_activity, each handoff's reply and end), kept as messages,
    // events and moods were written, out of order included, equals what a rebuild from the
    // messages and events gives, and holds the known values of the out-of-order chats.
    void factsKeptAsWrittenMatchARebuild()
    {
        const QDate first = QDate::currentDate().addDays(-30);
        generate(first);
        ReportRange range;
        range.from = first;
        range.to = first.addDays(19);
        const Report scored = report(range); // scores the moods, which the slots count
        QVERIFY(scored.sentiment.positive + scored.sentiment.negative > 0);
        SqlBackend &db = m_store->backend();
        const auto facts = [&] {
            return db.query(QStringLiteral(
                                "SELECT conversation_id, bucket, customers, "
                                "first_customer_at, bots, first_bot_at, last_bot_at, "
                                "bot_after_customer_at, first_person_at, "
                                "person_after_customer_at, first_handoff_at, "
                                "handoff_after_customer_at, positive, neutral, negative, "
                                "unscored, last_at FROM chat_activity WHERE tenant_id = ? ORDER BY "
                                "conversation_id, bucket"),
                            {m_tenant}) +
                   db.query(QStringLiteral("SELECT id, replied_at, ended_at FROM "
                                           "conversation_events WHERE tenant_id = ? ORDER BY id"),
                            {m_tenant});
        };
        const SqlRows kept = facts();
        QVERIFY(kept.size() > m_chats.size());
        db.begin();
        ChatActivity(db).rebuild(m_tenant);
        db.commit();
        const SqlRows rebuilt = facts();
        QCOMPARE(kept.size(), rebuilt.size());
        for (qsizetype i = 0; i < kept.size(); ++i)
            QCOMPARE(kept.at(i), rebuilt.at(i));

        const auto slot = [&](qint64 chat, const QString &column) {
            const SqlRows r = db.query(QStringLiteral("SELECT ") + column +
                                           QStringLiteral(" FROM chat_activity WHERE tenant_id = "
                                                          "? AND conversation_id = ?"),
                                       {m_tenant, chat});
            return r.size() == 1 ? r.first().first()
                                 : QVariant(QStringLiteral("rows: %1").arg(r.size()));
        };
        const qint64 a = localMs(first.addDays(10), 10, 1);
        QCOMPARE(slot(m_imported, QStringLiteral("customers")).toInt(), 2);
        QCOMPARE(slot(m_imported, QStringLiteral("first_customer_at")).toLongLong(), a);
        QCOMPARE(slot(m_imported, QStringLiteral("bot_after_customer_at")).toLongLong(), a + 20000);
        QCOMPARE(slot(m_imported, QStringLiteral("last_bot_at")).toLongLong(), a + 60000);
        const qint64 b = localMs(first.addDays(11), 16, 2);
        QCOMPARE(slot(m_asked, QStringLiteral("first_person_at")).toLongLong(), b);
        QVERIFY(slot(m_asked, QStringLiteral("person_after_customer_at")).isNull());
        const SqlRows answered =
            db.query(QStringLiteral("SELECT replied_at FROM conversation_events WHERE "
                                    "tenant_id = ? AND conversation_id = ? AND kind = "
                                    "'escalated'"),
                     {m_tenant, m_replied});
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered.first().first().toLongLong(),
                 localMs(first.addDays(12), 12, 0) + 9 * kMin);
    }

    // A customer's text that comes in through a webhook is scored as it is written (no report
    // has run), and its slot counts the mood at once.
    void moodIsScoredAsMessagesArrive()
    {
        test::EngineHarness h(Engine::Options{}, true);
        QVERIFY(h.start());
        const qint64 tenant = h.addTenant();
        const Channel channel = h.addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h.settle());
        h.sayToBot(channel.id, QStringLiteral("+91 98000 00777"), QStringLiteral("Asha"),
                   QStringLiteral("thank you, great service"));
        h.sayToBot(channel.id, QStringLiteral("+91 98000 00777"), QStringLiteral("Asha"),
                   QStringLiteral("the delivery was late and bad"));
        SD_TAKE(moods, h.run([&](Store &s) {
            return sql::guard([&] {
                return s.backend().query(
                    QStringLiteral("SELECT body, mood FROM messages WHERE tenant_id = ? AND "
                                   "author = 'customer' ORDER BY id"),
                    {tenant});
            });
        }));
        QCOMPARE(moods.size(), 2);
        QCOMPARE(moods.at(0).at(1).toInt(), 1);
        QCOMPARE(moods.at(1).at(1).toInt(), -1);
        SD_TAKE(counted, h.run([&](Store &s) {
            return sql::guard([&] {
                return s.backend().query(
                    QStringLiteral("SELECT SUM(positive), SUM(negative), SUM(unscored) FROM "
                                   "chat_activity WHERE tenant_id = ?"),
                    {tenant});
            });
        }));
        QCOMPARE(counted.first().at(0).toInt(), 1);
        QCOMPARE(counted.first().at(1).toInt(), 1);
        QCOMPARE(counted.first().at(2).toInt(), 0);
    }

    void weeksMonthsAndAChannel()
    {
        const QDate first = QDate::currentDate().addDays(-30);
        generate(first);
        ReportRange range;
        range.from = first;
        range.to = first.addDays(19);
        const Report days = report(range);
        range.grouping = ReportRange::Grouping::Week;
        const Report weeks = report(range);
        int sum = 0;
        for (const Report::Bucket &b : weeks.buckets) {
            QCOMPARE(b.start.dayOfWeek(), 1); // weeks start on Monday
            sum += b.customerMessages;
        }
        QCOMPARE(sum, days.customerMessages);
        QVERIFY(weeks.buckets.size() >= 3 && weeks.buckets.size() <= 4);
        // A channel with no chats has nothing.
        range.channelId = 999;
        const Report none = report(range);
        QCOMPARE(none.customerMessages, 0);
        QCOMPARE(none.chats, 0);
        QCOMPARE(none.orders.count, 0);
    }

    void tooRecentToJudgeAndCancel()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Chat &c = newChat(now - 2 * kHour);
        say(c, QStringLiteral("customer"), now - 2 * kHour);
        say(c, QStringLiteral("bot"), now - 2 * kHour + 5000);
        ReportRange range;
        range.from = range.to = QDateTime::currentDateTimeUtc().toTimeZone(m_zone).date();
        if (t(now - 2 * kHour).toTimeZone(m_zone).date() != range.to)
            range.from = range.to.addDays(-1);
        const Report r = report(range);
        QCOMPARE(r.chats, 1);
        QCOMPARE(r.resolution.pending, 1); // less than 24 h since the bot's answer
        QCOMPARE(r.resolution.botResolved, 0);
        std::atomic_bool cancel = true;
        auto cancelled = AnalyticsService::build(*m_store, m_tenant, range, &cancel);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error(), ReportBuilder::cancelledText());
    }

    void daylightSavingDays()
    {
        // London moved its clocks back at 01:00 UTC on 25 Oct 2026: 00:30 UTC is 01:30 BST
        // (the 25th), 23:30 UTC on the 25th is 23:30 GMT (still the 25th), 23:30 UTC on the 24th
        // is 00:30 BST on the 25th.
        SD_VERIFY_OK(m_store->tenants().setSetting(m_tenant, QStringLiteral("store.time_zone"),
                                                   QStringLiteral("Europe/London")));
        const qint64 times[] = {
            QDateTime(QDate(2026, 10, 24), QTime(23, 30), Qt::UTC).toMSecsSinceEpoch(),
            QDateTime(QDate(2026, 10, 25), QTime(0, 30), Qt::UTC).toMSecsSinceEpoch(),
            QDateTime(QDate(2026, 10, 25), QTime(23, 30), Qt::UTC).toMSecsSinceEpoch(),
            QDateTime(QDate(2026, 10, 24), QTime(22, 30), Qt::UTC).toMSecsSinceEpoch()};
        for (qint64 at : times) {
            Chat &c = newChat(at);
            say(c, QStringLiteral("customer"), at);
        }
        ReportRange range;
        range.from = QDate(2026, 10, 24);
        range.to = QDate(2026, 10, 25);
        const Report r = report(range);
        QCOMPARE(r.buckets.size(), 2);
        QCOMPARE(r.buckets.at(0).customerMessages, 1); // 23:30 BST on the 24th
        QCOMPARE(r.buckets.at(1).customerMessages, 3);
        QCOMPARE(r.heatmap[6][1], 1);  // Sunday 01:30 BST
        QCOMPARE(r.heatmap[6][23], 1); // Sunday 23:30 GMT
    }

    void knowledgeGapsAreGroupedByWording()
    {
        const QStringList asked{
            QStringLiteral("What are your delivery charges?"),
            QStringLiteral("dilivery charge kitna hai"), QStringLiteral("Delivery charges?"),
            QStringLiteral("Do you sell gift cards?"), QStringLiteral("gift card available?")};
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QString &q : asked) {
            Chat &c = newChat(now - kHour);
            RetrievalLogEntry e;
            e.tenantId = m_tenant;
            e.at = t(now - kHour);
            e.conversationId = c.id;
            e.question = q;
            e.query = q;
            e.hits = QStringLiteral("[]");
            e.escalated = true;
            e.reason = QStringLiteral("no passage");
            e.answeredBy = QStringLiteral("extractive");
            SD_VERIFY_OK(m_store->knowledge().logRetrieval(e));
        }
        ReportRange range;
        range.to = QDate::currentDate().addDays(1);
        range.from = range.to.addDays(-3);
        const Report r = report(range);
        QCOMPARE(r.gaps.size(), 2);
        QCOMPARE(r.gaps.at(0).count, 3);
        QCOMPARE(r.gaps.at(0).chats.size(), 3);
        QVERIFY(r.gaps.at(0).question.contains(QLatin1String("elivery")));
        QCOMPARE(r.gaps.at(1).count, 2);
    }

    void sentimentFromTheLexicon()
    {
        SentimentLexicon lexicon;
        if (!lexicon.load())
            QSKIP("python3-pattern is not installed (scripts/install-deps.sh installs it)");
        QVERIFY(lexicon.size() > 1400); // 1,528 words in 2,918 senses
        using P = SentimentLexicon::Polarity;
        QCOMPARE(lexicon.classify(QStringLiteral("Thank you, great service!")), P::Positive);
        QCOMPARE(lexicon.classify(QStringLiteral("The milk was bad and the delivery terrible")),
                 P::Negative);
        QCOMPARE(lexicon.classify(QStringLiteral("not good")), P::Negative);
        QCOMPARE(lexicon.classify(QStringLiteral("bahut bad service hai")), P::Negative);
        QCOMPARE(lexicon.classify(QStringLiteral("good nahi tha")), P::Negative); // Hindi order
        QCOMPARE(lexicon.classify(QStringLiteral("2 milk aur 1 bread")), P::Neutral);
        // Hindi words that carry a mood by themselves, in Latin letters and in Devanagari.
        QCOMPARE(lexicon.classify(QStringLiteral("delivery bahut badhiya thi, shukriya")),
                 P::Positive);
        QCOMPARE(lexicon.classify(QStringLiteral("saman bilkul bekar tha")), P::Negative);
        QCOMPARE(lexicon.classify(QStringLiteral("बहुत खराब सर्विस")), P::Negative);
        QCOMPARE(lexicon.classify(QStringLiteral("badhiya nahi tha")), P::Negative);
        QCOMPARE(lexicon.classify(QStringLiteral("accha, kal bhej dena")), P::Neutral); // "okay"
        QVERIFY(lexicon.source().contains(QLatin1String("Hindi")));
        QVERIFY(lexicon.score(QStringLiteral("very good")) > lexicon.score(QStringLiteral("good")));
        // In a report: per day, and the chats with the most negative messages first.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Chat &angry = newChat(now - kHour);
        say(angry, QStringLiteral("customer"), now - kHour, QStringLiteral("terrible, bad milk"));
        say(angry, QStringLiteral("customer"), now - kHour + 1, QStringLiteral("awful service"));
        Chat &happy = newChat(now - kHour);
        say(happy, QStringLiteral("customer"), now - kHour, QStringLiteral("great, thank you"));
        ReportRange range;
        range.to = QDate::currentDate().addDays(1);
        range.from = range.to.addDays(-2);
        const Report r = report(range);
        QVERIFY(r.sentiment.available);
        QCOMPARE(r.sentiment.negative, 2);
        QCOMPARE(r.sentiment.positive, 1);
        QCOMPARE(r.mostNegative.size(), 1);
        QCOMPARE(r.mostNegative.first().conversationId, angry.id);
        QCOMPARE(r.mostNegative.first().negativeMessages, 2);
        QCOMPARE(r.mostNegative.first().example, QStringLiteral("awful service")); // the latest
        // Each message was scored once and kept: none is left unscored.
        const SqlRows unscored = m_store->backend().query(
            QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND author = "
                           "'customer' AND type = 'text' AND mood IS NULL"),
            {m_tenant});
        QCOMPARE(unscored.first().at(0).toInt(), 0);
    }

    void questionsInPlainWords()
    {
        const QDate today(2026, 12, 3); // a Thursday
        struct Case
        {
            const char *question;
            const char *metric;
            QDate from, to;
        };
        const Case cases[] = {
            {"aaj kitna sale hua?", "revenue", today, today},
            {"top products last week", "top_products", QDate(2026, 11, 23), QDate(2026, 11, 29)},
            {"kitne chats bot ne solve kiye is mahine", "bot_resolved", QDate(2026, 12, 1), today},
            {"which customers owe money", "owing", today.addDays(-29), today},
            {"kal kitne orders aaye", "orders", today.addDays(-1), today.addDays(-1)},
            {"pichhle mahine ki kamai", "revenue", QDate(2026, 11, 1), QDate(2026, 11, 30)},
            {"Escalations in the last 14 days", "escalations", today.addDays(-13), today},
            {"is hafte response time kya tha", "response_time", QDate(2026, 11, 30), today},
            {"questions the bot could not answer", "gaps", today.addDays(-29), today},
        };
        for (const Case &c : cases) {
            auto parsed = ReportQuestion::parse(QString::fromUtf8(c.question), today);
            QVERIFY2(parsed, c.question);
            QCOMPARE(parsed->metric, QString::fromLatin1(c.metric));
            QCOMPARE(parsed->range.from, c.from);
            QCOMPARE(parsed->range.to, c.to);
        }
        auto unknown = ReportQuestion::parse(QStringLiteral("what is the weather"), today);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().startsWith(QStringLiteral("I can answer questions about:")));
        QVERIFY(unknown.error().contains(QStringLiteral("sales")));
        // The answer quotes the report it came from.
        Report r;
        r.range.from = r.range.to = today;
        r.orders.count = 3;
        r.orders.revenueMinor = 123450;
        r.orders.averageMinor = 41150;
        auto sales = ReportQuestion::parse(QStringLiteral("aaj ki sale"), today);
        const QString text = ReportQuestion::answer(sales.value(), r);
        QVERIFY2(text.contains(QStringLiteral("₹1234.50")) &&
                     text.contains(QStringLiteral("3 orders")),
                 qPrintable(text));
        QCOMPARE(ReportQuestion::chartOf(sales->metric), QStringLiteral("orders"));
    }

    void remindersAndPaymentsAfterThem()
    {
        auto contact = m_store->conversations().upsertContact(m_tenant, QStringLiteral("+91900"),
                                                              QStringLiteral("Ravi"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 sent = now - 3 * kDay;
        m_store->backend().exec(
            QStringLiteral("INSERT INTO reminders (tenant_id, contact_id, due_at, state, "
                           "created_at, amount_minor, sent_at) VALUES (?, ?, ?, 'sent', ?, ?, ?)"),
            {m_tenant, contact->id, sent, sent, 50000, sent});
        const auto pay = [&](qint64 amount, qint64 at) {
            m_store->backend().exec(
                QStringLiteral("INSERT INTO ledger_entries (tenant_id, contact_id, kind, "
                               "amount_minor, created_at) VALUES (?, ?, 'payment', ?, ?)"),
                {m_tenant, contact->id, amount, at});
        };
        pay(10000, sent - kDay); // before the reminder: not counted
        pay(30000, sent + kDay);
        pay(40000, sent + 2 * kDay); // beyond the amount reminded: capped
        ReportRange range;
        range.to = QDate::currentDate();
        range.from = range.to.addDays(-6);
        const Report r = report(range);
        QCOMPARE(r.reminders.sent, 1);
        QCOMPARE(r.reminders.remindedMinor, 50000);
        QCOMPARE(r.reminders.paidMinor, 50000);
    }
};

QTEST_GUILESS_MAIN(AnalyticsTest)
#include "tst_analytics.moc"
