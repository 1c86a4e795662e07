// The analytics over a large store, run by bench/report.sh on both backends: 100,000
// conversations and 1,000,000 messages over a year (with handoffs, orders, unanswered questions
// and reminders in proportion), then each metric's query for the last 30 days and for the whole
// year, the median of 3 runs. Prints one JSON object per line:
//   {"bench":"analytics_<metric>_<range>","backend":"...","value":ms,"unit":"ms"}
// Usage: shopdesk-bench-analytics --database URL [--conversations N]
#include "analytics/AnalyticsService.h"
#include "analytics/KnowledgeGapGrouper.h"
#include "analytics/ReportBuilder.h"
#include "analytics/ReportQueries.h"
#include "analytics/SentimentLexicon.h"
#include "storage/ChatActivity.h"
#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <functional>

using namespace shopdesk;
using namespace shopdesk::bench;

namespace {

constexpr qint64 kMin = 60 * 1000;
constexpr qint64 kDay = 24 * 60 * kMin;

// Multi-row INSERTs of up to 500 rows, in the open transaction.
class Rows
{
public:
    Rows(SqlBackend &db, QString head, QString row, int columns)
        : m_db(db)
        , m_head(std::move(head))
        , m_row(std::move(row))
        , m_columns(columns)
    {}
    ~Rows() { flush(); }
    void add(const QVariantList &values)
    {
        m_params << values;
        if (m_params.size() >= 500 * m_columns)
            flush();
    }
    void flush()
    {
        if (m_params.isEmpty())
            return;
        m_db.exec(m_head + sql::valuesRows(m_params.size() / m_columns, m_row), m_params);
        m_params.clear();
    }

private:
    SqlBackend &m_db;
    QString m_head;
    QString m_row;
    int m_columns;
    QVariantList m_params;
};

void fill(Store &store, qint64 tenant, int conversations, qint64 now)
{
    SqlBackend &db = store.backend();
    QRandomGenerator rng(42);
    const int contacts = conversations / 5;
    db.begin();
    {
        Rows c(db,
               QStringLiteral("INSERT INTO contacts (tenant_id, phone, name, created_at) VALUES "),
               QStringLiteral("(?, ?, ?, ?)"), 4);
        for (int i = 0; i < contacts; ++i)
            c.add({tenant, QStringLiteral("9190%1").arg(i, 8, 10, QLatin1Char('0')),
                   QStringLiteral("Customer %1").arg(i), now - 400 * kDay});
    }
    const qint64 firstContact =
        db.query(QStringLiteral("SELECT MIN(id) FROM contacts WHERE tenant_id = ?"), {tenant})
            .first()[0]
            .toLongLong();
    const qint64 product = db.query(QStringLiteral("INSERT INTO products (tenant_id, sku, name, "
                                                   "price_minor, updated_at) VALUES (?, 'MILK', "
                                                   "'Milk', 3000, ?) RETURNING id"),
                                    {tenant, now})
                               .first()[0]
                               .toLongLong();
    db.commit();
    static const char *texts[] = {"is milk available",   "thank you, great service",
                                  "2 doodh aur 1 bread", "the delivery was late and bad",
                                  "kitna hua total",     "ok"};
    for (int done = 0; done < conversations;) {
        db.begin();
        Rows conv(db,
                  QStringLiteral("INSERT INTO conversations (tenant_id, contact_id, owner_kind, "
                                 "last_message_at, created_at) VALUES "),
                  QStringLiteral("(?, ?, 'bot', ?, ?)"), 4);
        QList<qint64> starts;
        const int batch = std::min(5000, conversations - done);
        for (int i = 0; i < batch; ++i) {
            const qint64 t0 = now - qint64(rng.bounded(365 * 24 * 60)) * kMin;
            starts << t0;
            conv.add({tenant, firstContact + (done + i) % contacts, t0 + 10 * kMin, t0});
        }
        conv.flush();
        const SqlRows ids = db.query(
            QStringLiteral("SELECT id FROM conversations WHERE tenant_id = ? ORDER BY id DESC "
                           "LIMIT ?"),
            {tenant, batch});
        Rows msg(db,
                 QStringLiteral("INSERT INTO messages (tenant_id, conversation_id, direction, "
                                "author, body, status, created_at) VALUES "),
                 QStringLiteral("(?, ?, ?, ?, ?, 'read', ?)"), 6);
        Rows ev(db,
                QStringLiteral("INSERT INTO conversation_events (tenant_id, conversation_id, at, "
                               "kind, reason_code) VALUES "),
                QStringLiteral("(?, ?, ?, ?, ?)"), 5);
        Rows ord(db,
                 QStringLiteral("INSERT INTO orders (tenant_id, contact_id, conversation_id, "
                                "status, total_minor, created_at, updated_at) VALUES "),
                 QStringLiteral("(?, ?, ?, 'confirmed', ?, ?, ?)"), 6);
        Rows gap(db,
                 QStringLiteral("INSERT INTO retrieval_log (tenant_id, at, source, "
                                "conversation_id, question, query, hits, answer, confidence, "
                                "escalated, reason, answered_by, latency_ms) VALUES "),
                 QStringLiteral("(?, ?, 'live', ?, ?, '', '[]', '', 0, 1, '', 'extractive', 1)"),
                 4);
        for (int i = 0; i < batch; ++i) {
            const qint64 id = ids.at(batch - 1 - i)[0].toLongLong();
            const qint64 t0 = starts.at(i);
            const bool handed = rng.bounded(5) == 0;
            for (int k = 0; k < 10; ++k) {
                const bool customer = k % 2 == 0;
                const QString author = customer          ? QStringLiteral("customer")
                                       : handed && k > 5 ? QStringLiteral("human")
                                                         : QStringLiteral("bot");
                msg.add({tenant, id, customer ? QStringLiteral("in") : QStringLiteral("out"),
                         author, QString::fromLatin1(texts[rng.bounded(6)]),
                         t0 + k * kMin + (customer ? 0 : 5000)});
            }
            if (handed) {
                ev.add({tenant, id, t0 + 5 * kMin, QStringLiteral("escalated"),
                        QStringLiteral("complaint")});
                ev.add({tenant, id, t0 + 6 * kMin, QStringLiteral("takeover"),
                        QStringLiteral("queue")});
            }
            if (rng.bounded(10) == 0)
                ord.add({tenant, firstContact + (done + i) % contacts, id, 25000, t0 + 8 * kMin,
                         t0 + 8 * kMin});
            if (rng.bounded(50) == 0)
                gap.add({tenant, t0, id, QStringLiteral("do you sell gift cards %1").arg(i % 7)});
        }
        msg.flush();
        ev.flush();
        ord.flush();
        gap.flush();
        db.exec(QStringLiteral("INSERT INTO order_lines (tenant_id, order_id, product_id, "
                               "quantity, unit_price_minor, line_total_minor) SELECT tenant_id, "
                               "id, ?, 1, total_minor, total_minor FROM orders o WHERE "
                               "tenant_id = ? AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE "
                               "l.tenant_id = o.tenant_id AND l.order_id = o.id)"),
                {product, tenant});
        db.commit();
        done += batch;
    }
    // The reports' facts, as the store keeps them when messages arrive one by one.
    db.begin();
    ChatActivity(db).rebuild(tenant);
    db.commit();
    // As a store's tables are after autovacuum has seen them (statistics, visibility map).
    db.exec(db.dialect() == SqlBackend::Dialect::Postgres ? QStringLiteral("VACUUM ANALYZE")
                                                          : QStringLiteral("ANALYZE"));
}

double medianMs(const std::function<void()> &f)
{
    std::vector<double> runs;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        runs.push_back(t.nsecsElapsed() / 1e6);
    }
    return percentile(runs, 0.5);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("shopdesk.*.info=false"));
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("database"), QStringLiteral("Database URL"), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("conversations"),
                      QStringLiteral("Conversations (10 messages each)"), QStringLiteral("N"),
                      QStringLiteral("100000")});
    parser.addHelpOption();
    parser.process(app);
    const auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url)
        die(url.error());
    const QString backend = url->kind() == DatabaseUrl::Kind::Postgres
                                ? QStringLiteral("postgresql")
                                : QStringLiteral("sqlite");
    auto store = need(Store::open(url.value()));
    need(store->tuneForReports()); // as the engine's reports connection is
    const qint64 tenant =
        need(store->tenants().addTenant(QStringLiteral("bench"), QStringLiteral("Bench"))).id;
    const int conversations = parser.value(QStringLiteral("conversations")).toInt();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer fillTimer;
    fillTimer.start();
    fill(*store, tenant, conversations, now);
    const double fillSeconds = fillTimer.nsecsElapsed() / 1e9;
    const SentimentLexicon &lexicon = AnalyticsService::lexicon();

    for (const int days : {30, 365}) {
        ReportRange range;
        range.zone = QTimeZone(QByteArrayLiteral("Asia/Kolkata"));
        range.zoneChosen = true;
        range.to = QDate::currentDate();
        range.from = range.to.addDays(-(days - 1));
        ReportQueries q(store->backend(), tenant, range);
        const QString suffix = QStringLiteral("_%1d").arg(days);
        const auto measure = [&](const QString &metric, const std::function<void()> &f) {
            QJsonObject o;
            o.insert(QStringLiteral("bench"),
                     QString(QStringLiteral("analytics_") + metric + suffix));
            o.insert(QStringLiteral("backend"), backend);
            o.insert(QStringLiteral("value"), medianMs(f));
            o.insert(QStringLiteral("unit"), QStringLiteral("ms"));
            o.insert(QStringLiteral("conversations"), conversations);
            o.insert(QStringLiteral("fill_s"), fillSeconds);
            printLine(o);
        };
        measure(QStringLiteral("volume"), [&] { q.customerMessagesByDay(); });
        measure(QStringLiteral("heatmap"), [&] { q.customerMessagesByHour(); });
        measure(QStringLiteral("resolution"), [&] { q.chats(); });
        measure(QStringLiteral("handoffs"), [&] { q.handoffs(); });
        measure(QStringLiteral("gaps"), [&] {
            QList<KnowledgeGapGrouper::Question> questions;
            for (const auto &g : q.knowledgeGaps())
                questions.append({g.conversationId, g.question});
            KnowledgeGapGrouper::group(questions);
        });
        // The first report over the range scores its messages once (reported apart); later
        // ones read the stored moods.
        QElapsedTimer scoring;
        scoring.start();
        {
            ReportBuilder::Options o;
            o.lexicon = &lexicon;
            o.withPrevious = false;
            need(ReportBuilder(store->backend(), tenant, o).build(range));
        }
        QJsonObject first;
        first.insert(QStringLiteral("bench"),
                     QString(QStringLiteral("analytics_first_report") + suffix));
        first.insert(QStringLiteral("backend"), backend);
        first.insert(QStringLiteral("value"), scoring.nsecsElapsed() / 1e6);
        first.insert(QStringLiteral("unit"), QStringLiteral("ms"));
        printLine(first);
        measure(QStringLiteral("sentiment"), [&] {
            q.moodsByDay();
            q.mostNegative(10);
        });
        measure(QStringLiteral("orders"), [&] {
            q.ordersByDay();
            q.topProducts(10);
            q.topCustomers(10);
        });
        measure(QStringLiteral("reminders"), [&] { q.reminders(); });
        measure(QStringLiteral("bot_answers"), [&] { q.botAnswers(); });
        measure(QStringLiteral("whole_report"),
                [&] { need(AnalyticsService::build(*store, tenant, range)); });
    }
    return 0;
}
