#pragma once

#include "analytics/ReportRange.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace shopdesk {

// How long something took, over `count` cases: median and 90th percentile (nearest rank).
struct DurationStats
{
    int count = 0;
    qint64 medianMs = 0;
    qint64 p90Ms = 0;
    static DurationStats of(QList<qint64> durations);
};

// The figures the cards compare with the previous period.
struct ReportHeadline
{
    int customerMessages = 0;
    int chats = 0;
    int botResolved = 0;
    int handedToPeople = 0;
    qint64 botMedianMs = 0;
    qint64 peopleMedianMs = 0;
    int escalations = 0;
    int orders = 0;
    qint64 revenueMinor = 0;
    double timeSavedMinutes = 0;
};

// Every metric of one range, as MetricCatalog defines them (README "Analytics").
struct Report
{
    ReportRange range;
    QDateTime computedAt;

    struct Bucket // one day, week or month of the series (empty ones included)
    {
        QDate start;
        int customerMessages = 0;
        int chats = 0; // chats with a customer message in the bucket
        int orders = 0;
        qint64 revenueMinor = 0;
        int positive = 0; // customer messages by sentiment
        int neutral = 0;
        int negative = 0;
    };
    QList<Bucket> buckets;
    std::array<std::array<int, 24>, 7> heatmap{}; // [Monday..Sunday][hour] customer messages

    int customerMessages = 0;
    int chats = 0; // chats with a customer message in the range: the resolution's base

    DurationStats botFirstResponse;
    int botNeverAnswered = 0;
    DurationStats peopleFirstResponse;
    int handoffs = 0;
    int handoffsUnanswered = 0; // no person replied before the chat went back or closed

    struct Resolution
    {
        int botResolved = 0;
        int handedToPeople = 0;
        int pending = 0;    // the bot answered less than 24 h ago: too early to tell
        int unanswered = 0; // neither the bot nor a person answered
        QList<qint64> botResolvedChats, handedChats, pendingChats, unansweredChats;
    } resolution;

    struct Escalation
    {
        QString code;
        QString label;
        int count = 0;
        DurationStats wait; // until a person's first reply
        int unanswered = 0;
        QList<qint64> chats;
    };
    QList<Escalation> escalations;
    int escalationCount = 0;

    struct Gap
    {
        QString question; // the most frequent wording
        int count = 0;
        QStringList wordings;
        QList<qint64> chats;
    };
    QList<Gap> gaps;

    struct Sentiment
    {
        int positive = 0;
        int neutral = 0;
        int negative = 0;
        bool available = false; // the lexicon was found
        QString source;
    } sentiment;
    struct NegativeChat
    {
        qint64 conversationId = 0;
        QString contact;
        int negativeMessages = 0;
        QString example;
    };
    QList<NegativeChat> mostNegative;

    struct Orders
    {
        int count = 0;
        qint64 revenueMinor = 0;
        qint64 averageMinor = 0;
        int byBot = 0;
        int byPeople = 0;
        qint64 byBotRevenueMinor = 0;
        qint64 byPeopleRevenueMinor = 0;
    } orders;
    struct TopProduct
    {
        qint64 productId = 0;
        QString name;
        double quantity = 0;
        qint64 revenueMinor = 0;
    };
    QList<TopProduct> topProducts;
    struct TopCustomer
    {
        qint64 contactId = 0;
        QString name;
        int orders = 0;
        qint64 revenueMinor = 0;
    };
    QList<TopCustomer> topCustomers;

    struct Reminders
    {
        int sent = 0;
        int customers = 0;
        qint64 remindedMinor = 0;
        qint64 paidMinor = 0; // paid after the reminder, up to the amount reminded
    } reminders;

    // Customers who owe the store money now (credit not yet paid), largest first.
    QList<TopCustomer> owing; // revenueMinor: the amount owed
    int owingCustomers = 0;
    qint64 owingMinor = 0;

    int botAnswers = 0;
    double minutesPerAnswer = 2;
    double timeSavedMinutes() const { return botAnswers * minutesPerAnswer; }

    ReportHeadline headline() const;
    std::optional<ReportHeadline> previous; // the same figures for the period before
};

} // namespace shopdesk
