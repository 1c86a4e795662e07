#include "demo/DemoHistory.h"

#include "demo/DemoStoreLoader.h"
#include "domain/EscalationReason.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTimeZone>

#include <nlohmann/json.hpp>

namespace shopdesk {

using json = nlohmann::json;
using sql::need;

namespace {

struct Lines
{
    QStringList questions, bot, thanks, complaints, human, gaps;
};

Lines readLines()
{
    QFile f(QStringLiteral(":/demo/history.json"));
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("the demo history is missing from the program");
    const json j = json::parse(f.readAll().toStdString());
    const auto list = [&](const char *key) {
        QStringList out;
        for (const json &s : j.at(key))
            out << QString::fromStdString(s.get<std::string>());
        return out;
    };
    return {list("questions"),  list("bot"),   list("thanks"),
            list("complaints"), list("human"), list("gaps")};
}

class Generator
{
public:
    Generator(Store &store, qint64 tenantId, const QList<Product> &products,
              const QList<qint64> &operators, DemoSummary &summary)
        : m_store(store)
        , m_tenant(tenantId)
        , m_products(products)
        , m_operators(operators)
        , m_summary(summary)
        , m_lines(readLines())
    {}

    void day(const QDate &date)
    {
        const bool weekend = date.dayOfWeek() >= 6;
        const int chats = 10 + int(m_rng.bounded(12)) + (weekend ? 8 : 0);
        for (int i = 0; i < chats; ++i) {
            // Busier in the morning and the evening.
            static const int hours[] = {7, 8, 9, 10, 11, 12, 13, 17, 18, 19, 19, 20, 20, 21};
            const int hour = hours[m_rng.bounded(int(std::size(hours)))];
            const QDateTime start(date, QTime(hour, int(m_rng.bounded(60))), m_zone);
            chat(start.toUTC());
        }
    }

private:
    QString pick(const QStringList &from) { return from.at(int(m_rng.bounded(int(from.size())))); }

    Message line(qint64 conversation, Author author, const QString &body, const QDateTime &at)
    {
        Message m;
        m.conversationId = conversation;
        m.author = author;
        m.direction = author == Author::Customer ? Direction::Inbound : Direction::Outbound;
        m.authorOperatorId = author == Author::Human ? m_operators.value(0) : 0;
        m.body = body;
        m.createdAt = at;
        if (m.direction == Direction::Outbound) {
            m.status = MessageStatus::Read;
            m.sentAt = at.addSecs(1);
            m.deliveredAt = at.addSecs(2);
            m.readAt = at.addSecs(40);
        }
        return m;
    }

    void chat(const QDateTime &t0)
    {
        const QString phone =
            QStringLiteral("9198110%1").arg(int(m_rng.bounded(1000)), 5, 10, QLatin1Char('0'));
        const Contact contact = need(m_store.conversations().upsertContact(
            m_tenant, phone, QStringLiteral("Customer %1").arg(phone.right(3))));
        const Conversation c =
            need(m_store.conversations().openConversation(m_tenant, contact.id, 0, t0));
        QList<Message> lines;
        const int kind = int(m_rng.bounded(100));
        const QDateTime bot = t0.addSecs(2 + int(m_rng.bounded(25)));
        if (kind < 8) { // a question the bot could not answer
            const QString q = pick(m_lines.gaps);
            lines << line(c.id, Author::Customer, q, t0);
            lines << line(c.id, Author::Bot, QStringLiteral("Let me get someone from the store."),
                          bot);
            need(m_store.conversations().appendMessages(m_tenant, lines));
            RetrievalLogEntry e;
            e.tenantId = m_tenant;
            e.at = t0;
            e.conversationId = c.id;
            e.question = e.query = q;
            e.hits = QStringLiteral("[]");
            e.escalated = true;
            e.reason = QStringLiteral("no passage answers it");
            e.answeredBy = QStringLiteral("extractive");
            need(m_store.knowledge().logRetrieval(e));
            handToPeople(c, bot, EscalationReason::LowConfidence, q);
            return;
        }
        lines << line(c.id, Author::Customer, pick(m_lines.questions), t0);
        lines << line(c.id, Author::Bot, pick(m_lines.bot), bot);
        if (kind < 18) { // a complaint
            const QDateTime said = bot.addSecs(120);
            lines << line(c.id, Author::Customer, pick(m_lines.complaints), said);
            lines << line(c.id, Author::Bot, QStringLiteral("Sorry! A person will help you now."),
                          said.addSecs(3));
            need(m_store.conversations().appendMessages(m_tenant, lines));
            handToPeople(c, said, EscalationReason::Complaint, QStringLiteral("A complaint."));
            return;
        }
        if (kind < 24) { // asked for a person
            const QDateTime said = bot.addSecs(90);
            lines << line(c.id, Author::Customer, QStringLiteral("I want to talk to a person"),
                          said);
            need(m_store.conversations().appendMessages(m_tenant, lines));
            handToPeople(c, said, EscalationReason::AskedForPerson,
                         QStringLiteral("The customer asked for a person."));
            return;
        }
        if (kind < 70)
            lines << line(c.id, Author::Customer, pick(m_lines.thanks), bot.addSecs(60));
        need(m_store.conversations().appendMessages(m_tenant, lines));
        if (kind < 60 && !m_products.isEmpty())
            order(c, bot.addSecs(30));
        ++m_summary.historyChats;
    }

    void handToPeople(const Conversation &c, const QDateTime &at, QLatin1StringView code,
                      const QString &reason)
    {
        need(
            m_store.conversations().setNeedsHuman(m_tenant, c.id, true, reason, at, QString(code)));
        const QDateTime taken = at.addSecs(60 + int(m_rng.bounded(20 * 60)));
        need(m_store.conversations().setOwner(m_tenant, c.id, OwnerKind::Human,
                                              m_operators.value(0), {}, taken));
        need(m_store.conversations().appendMessage(
            m_tenant, line(c.id, Author::Human, pick(m_lines.human), taken.addSecs(45))));
        // Solved: back to the bot, so the customer's next message is the bot's again.
        need(m_store.conversations().setOwner(m_tenant, c.id, OwnerKind::Bot, 0, {},
                                              taken.addSecs(1800)));
        ++m_summary.historyChats;
    }

    void order(const Conversation &c, const QDateTime &at)
    {
        Order o;
        o.contactId = c.contactId;
        o.conversationId = c.id;
        o.createdAt = at;
        o.status = QStringLiteral("delivered");
        const int items = 1 + int(m_rng.bounded(4));
        for (int i = 0; i < items; ++i) {
            const Product &p = m_products.at(int(m_rng.bounded(
                int(std::min<qsizetype>(m_products.size(), 40))))); // the store's best sellers
            o.lines.append(
                {0, p.id, p.name, double(1 + m_rng.bounded(3)), p.unit, p.priceMinor, 0});
        }
        o.fromHistory = true; // the demo's stock is what is left after them
        need(m_store.catalog().addOrder(m_tenant, o));
    }

    Store &m_store;
    qint64 m_tenant;
    QList<Product> m_products;
    QList<qint64> m_operators;
    DemoSummary &m_summary;
    Lines m_lines;
    QRandomGenerator m_rng{20261101};
    QTimeZone m_zone{QByteArrayLiteral("Asia/Kolkata")};
};

} // namespace

void DemoHistory::add(Store &store, qint64 tenantId, const QList<Product> &products,
                      const QList<qint64> &operatorIds, DemoSummary &summary)
{
    QList<Product> sorted = products;
    std::sort(sorted.begin(), sorted.end(),
              [](const Product &a, const Product &b) { return a.sku < b.sku; });
    Generator g(store, tenantId, sorted, operatorIds, summary);
    const QDate today =
        QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Asia/Kolkata")).date();
    for (int d = 30; d >= 3; --d)
        g.day(today.addDays(-d));
}

} // namespace shopdesk
