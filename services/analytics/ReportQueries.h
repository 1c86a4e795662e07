#pragma once

#include "analytics/ReportRange.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include "storage/SqlBackend.h"

namespace shopdesk {

class SqlBackend;

// The SQL behind the reports, one aggregate per question, the same on SQLite and PostgreSQL
// (parameters only; every query scoped by the store). Rows come back raw: ReportBuilder turns
// them into figures. Runs on whatever thread owns the connection; throws SqlError.
class ReportQueries
{
public:
    ReportQueries(SqlBackend &db, qint64 tenantId, const ReportRange &range);

    struct DayCount
    {
        qint64 day = 0; // LocalTimeSql day number
        int hour = -1;  // heatmap rows only
        int messages = 0;
        int chats = 0;
    };
    QList<DayCount> customerMessagesByDay();
    QList<DayCount> customerMessagesByHour();

    // Each chat with a customer message in the range.
    struct ChatRow
    {
        qint64 conversationId = 0;
        qint64 firstCustomerAt = 0;
        qint64 firstBotAt = 0;      // 0: none after it
        qint64 lastBotAt = 0;       // in the range; 0: none
        bool personReplied = false; // before the bot's last answer + 24 h
        bool handedOff = false;     // escalated or taken, before the same moment
    };
    QList<ChatRow> chats();

    // Each time a chat started needing a person in the range: it escalated, or a person took it
    // without being asked; and a person's first reply before it went back to the bot or closed.
    struct HandoffRow
    {
        qint64 conversationId = 0;
        QString kind;
        QString reasonCode;
        qint64 at = 0;
        qint64 repliedAt = 0; // 0: nobody replied
    };
    QList<HandoffRow> handoffs();

    struct GapRow
    {
        qint64 conversationId = 0;
        QString question;
    };
    QList<GapRow> knowledgeGaps();

    struct OrderDay
    {
        qint64 day = 0;
        QString takenBy;
        int orders = 0;
        qint64 revenueMinor = 0;
    };
    QList<OrderDay> ordersByDay();
    struct Ranked
    {
        qint64 id = 0;
        QString name;
        double quantity = 0;
        int count = 0;
        qint64 revenueMinor = 0;
    };
    QList<Ranked> topProducts(int limit);
    QList<Ranked> topCustomers(int limit);

    struct ReminderRow
    {
        qint64 contactId = 0;
        qint64 sentAt = 0;
        qint64 amountMinor = 0;
        qint64 paidAfterMinor = 0; // the contact's payments since this reminder
    };
    QList<ReminderRow> reminders();

    int botAnswers();
    // Each customer's credit not yet paid, as of now (id, name, count unused, revenueMinor owed).
    QList<Ranked> balancesOwed();

    // Customer text messages in the range not scored yet (at most `limit`, oldest slots
    // first, from `fromSlot` on), and their scores stored (-1, 0, 1): each message is scored
    // once.
    struct Unscored
    {
        qint64 id = 0;
        qint64 conversationId = 0;
        qint64 at = 0;
        QString body;
        int mood = 0; // set by the caller before storeMoods
    };
    QList<Unscored> unscoredTexts(int limit, qint64 fromSlot = 0);
    void storeMoods(const QList<Unscored> &scored);
    struct MoodDay
    {
        qint64 day = 0;
        int mood = 0;
        int messages = 0;
    };
    QList<MoodDay> moodsByDay();
    // The chats with the most negative messages in the range, with their latest negative text.
    struct NegativeRow
    {
        qint64 conversationId = 0;
        int negative = 0;
        QString example;
    };
    QList<NegativeRow> mostNegative(int limit);

    struct ChatName
    {
        qint64 conversationId = 0;
        QString contact;
        QString phone;
        qint64 lastMessageAt = 0;
    };
    QList<ChatName> chatNames(const QList<qint64> &conversationIds);
    // The chats with a customer message from `first` to `last` (local days, both included).
    QList<qint64> chatsBetween(const QDate &first, const QDate &last);

private:
    // The range as chat_activity slots: [first, end).
    qint64 firstSlot() const;
    qint64 endSlot() const;
    // The bot's first answer after the range's end + 1 day for these chats (those without one
    // earlier), added to their rows.
    void botAnswersLater(QList<ChatRow> &rows, const QList<int> &unanswered, qint64 fromSlot);
    // " AND <column> IN (chats of the channel)" when the range names one.
    QString channelFilter(const QString &conversationColumn, QVariantList &params) const;

    SqlBackend &m_db;
    qint64 m_tenant;
    ReportRange m_range;
};

} // namespace shopdesk
