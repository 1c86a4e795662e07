#pragma once

#include "analytics/Report.h"
#include "analytics/ReportQuestion.h"
#include "core/Result.h"

#include <QMap>
#include <QObject>

class QNetworkAccessManager;

#include <atomic>
#include <functional>
#include <memory>

namespace shopdesk {

class Store;
class StoreWorker;
class SentimentLexicon;
class OpenAiClient;

// The reports, for the console's Analytics pane and for `shopdesk-cli report`: one engine
// query service over ReportBuilder. The console runs it on the engine's reports connection
// (its own thread, below the bot's priority), so a long range never delays the bot or the
// console; one report at a time, with progress and Cancel.
class AnalyticsService : public QObject
{
    Q_OBJECT
public:
    explicit AnalyticsService(StoreWorker &store, QObject *parent = nullptr);
    ~AnalyticsService() override;

    // The range in the store's own zone (settings store.time_zone, else this computer's) with
    // the store's minutes per answer; the report for it. A report already running is cancelled.
    void report(qint64 tenantId, ReportRange range, QObject *context,
                std::function<void(Result<Report>)> done);
    void cancel();
    bool isRunning() const { return m_running > 0; }

    struct ChatBrief
    {
        qint64 conversationId = 0;
        QString contact;
        QString phone;
        QDateTime lastMessageAt;
    };
    // Who is behind each chat of a drill-down (names and phones, for the list).
    void chatNames(qint64 tenantId, const QList<qint64> &conversationIds, QObject *context,
                   std::function<void(Result<QList<ChatBrief>>)> done);
    // The chats with a customer message from `first` to `last` (a bar of the volume chart).
    void chatsBetween(qint64 tenantId, ReportRange range, const QDate &first, const QDate &last,
                      QObject *context, std::function<void(Result<QList<qint64>>)> done);

    // A question in plain words. With the store's chat model (ai.chat) the model picks the
    // metric and the dates through MetricTool (personal data masked) and its answer is kept
    // when it quotes only the figures returned; otherwise, or without a model, ReportQuestion
    // reads the question. Fails with the list of what can be asked when nothing matches.
    struct Answer
    {
        QString text;
        ReportQuestion::Parsed question;
        bool byModel = false;
        QString modelProblem; // why the model's answer was not used, when it was not
    };
    void ask(qint64 tenantId, const QString &question, QObject *context,
             std::function<void(Result<Answer>)> done);
    void setNetwork(QNetworkAccessManager *network); // for the model; none: no model

    // The store's report settings: its time zone (store.time_zone; empty: this computer's) and
    // the minutes a person would spend on an answer the bot gave (analytics.minutes_per_answer).
    struct Settings
    {
        QString timeZone;
        double minutesPerAnswer = 2;
    };
    void settings(qint64 tenantId, QObject *context, std::function<void(Result<Settings>)> done);
    // Refuses an unknown zone or a negative number of minutes, in words.
    // As actorId: the minutes a manager's, the time zone the owner's (the engine checks).
    void saveSettings(qint64 tenantId, qint64 actorId, const Settings &settings, QObject *context,
                      std::function<void(Status)> done);

    // The synchronous core the CLI and tests share with the console.
    static Result<Report>
    build(Store &store, qint64 tenantId, ReportRange range,
          const std::atomic_bool *cancel = nullptr,
          const std::function<void(int, int, const QString &)> &progress = {});
    static void applySettings(const QMap<QString, QString> &settings, ReportRange &range,
                              double *minutesPerAnswer);
    // Today where the store is: the range's zone when it chose one, else store.time_zone, else
    // this computer's (in India it is tomorrow already while it is evening in UTC).
    static QDate storeToday(Store &store, qint64 tenantId, ReportRange range = {});
    static const SentimentLexicon &lexicon(); // loaded once, then read from any thread

Q_SIGNALS:
    void progress(int step, int steps, const QString &what);

private:
    void askWithoutModel(qint64 tenantId, const QString &question, const QDate &today,
                         const QString &modelProblem, QObject *context,
                         std::function<void(Result<Answer>)> done);
    void askModel(qint64 tenantId, const QString &question, const QDate &today,
                  const QString &endpointJson, const QStringList &names, QObject *context,
                  std::function<void(Result<Answer>)> done);

    StoreWorker &m_store;
    std::unique_ptr<OpenAiClient> m_client;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_running = 0;
};

} // namespace shopdesk
