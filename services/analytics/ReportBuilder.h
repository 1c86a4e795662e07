#pragma once

#include "analytics/Report.h"
#include "core/Result.h"

#include <atomic>
#include <functional>

namespace shopdesk {

class SqlBackend;
class SentimentLexicon;

// Computes a Report from the store with the aggregates of ReportQueries, step by step: after
// each step it reports progress and stops if asked to (the console's Cancel; long ranges on a
// large store take seconds). Runs on the thread that owns the connection.
class ReportBuilder
{
public:
    struct Options
    {
        double minutesPerAnswer = 2;
        bool withPrevious = true;                  // the cards' figures for the period before
        const SentimentLexicon *lexicon = nullptr; // none: no sentiment figures
        int topLimit = 10;
    };
    using Progress = std::function<void(int step, int steps, const QString &what)>;

    ReportBuilder(SqlBackend &db, qint64 tenantId, Options options);
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setCancel(const std::atomic_bool *cancel) { m_cancel = cancel; }

    // Fails with "cancelled" (ErrorKind::Invalid) when cancelled, or with the database's error.
    Result<Report> build(const ReportRange &range);

    static QString reasonLabel(const QString &code);
    static QString cancelledText();

private:
    bool step(const QString &what); // false: cancelled
    void volume(Report &r, const ReportRange &range);
    void resolution(Report &r, const ReportRange &range);
    void escalations(Report &r, const ReportRange &range);
    void knowledgeGaps(Report &r, const ReportRange &range);
    void sentiment(Report &r, const ReportRange &range);
    void orders(Report &r, const ReportRange &range);
    void reminders(Report &r, const ReportRange &range);

    SqlBackend &m_db;
    qint64 m_tenant;
    Options m_options;
    Progress m_progress;
    const std::atomic_bool *m_cancel = nullptr;
    int m_step = 0;
    int m_steps = 0;
};

} // namespace shopdesk
