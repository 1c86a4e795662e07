#include "analytics/AnalyticsService.h"

#include "analytics/ReportBuilder.h"
#include "analytics/ReportQueries.h"
#include "analytics/SentimentLexicon.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QPointer>

#include <mutex>

namespace shopdesk {

AnalyticsService::AnalyticsService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

AnalyticsService::~AnalyticsService()
{
    cancel();
}

const SentimentLexicon &AnalyticsService::lexicon()
{
    static SentimentLexicon loaded;
    static std::once_flag once;
    std::call_once(once, [] { loaded.load(); });
    return loaded;
}

void AnalyticsService::applySettings(const QMap<QString, QString> &settings, ReportRange &range,
                                     double *minutesPerAnswer)
{
    const QString zone = settings.value(QStringLiteral("store.time_zone")).trimmed();
    if (!zone.isEmpty() && !range.zoneChosen) {
        const QTimeZone z(zone.toUtf8());
        if (z.isValid())
            range.zone = z;
    }
    bool ok = false;
    const double minutes =
        settings.value(QStringLiteral("analytics.minutes_per_answer")).toDouble(&ok);
    if (minutesPerAnswer)
        *minutesPerAnswer = ok && minutes >= 0 ? minutes : 2.0;
}

Result<Report>
AnalyticsService::build(Store &store, qint64 tenantId, ReportRange range,
                        const std::atomic_bool *cancel,
                        const std::function<void(int, int, const QString &)> &progress)
{
    auto settings = store.tenants().settings(tenantId);
    if (!settings)
        return Result<Report>::failure(settings.error(), settings.errorKind());
    ReportBuilder::Options options;
    applySettings(settings.value(), range, &options.minutesPerAnswer);
    options.lexicon = &lexicon();
    ReportBuilder builder(store.backend(), tenantId, options);
    builder.setCancel(cancel);
    if (progress)
        builder.setProgress(progress);
    return builder.build(range);
}

void AnalyticsService::report(qint64 tenantId, ReportRange range, QObject *context,
                              std::function<void(Result<Report>)> done)
{
    cancel();
    auto flag = std::make_shared<std::atomic_bool>(false);
    m_cancel = flag;
    ++m_running;
    QPointer<AnalyticsService> self(this);
    m_store.run(
        context,
        [tenantId, range, flag, self](Store &store) {
            return build(store, tenantId, range, flag.get(),
                         [self](int step, int steps, const QString &what) {
                             QMetaObject::invokeMethod(
                                 self.data(),
                                 [self, step, steps, what] {
                                     if (self)
                                         Q_EMIT self->progress(step, steps, what);
                                 },
                                 Qt::QueuedConnection);
                         });
        },
        [self, done = std::move(done)](Result<Report> r) {
            if (self)
                --self->m_running;
            done(std::move(r));
        });
}

void AnalyticsService::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
}

void AnalyticsService::chatNames(qint64 tenantId, const QList<qint64> &conversationIds,
                                 QObject *context,
                                 std::function<void(Result<QList<ChatBrief>>)> done)
{
    m_store.run(
        context,
        [tenantId, conversationIds](Store &store) {
            return sql::guard([&] {
                QList<ChatBrief> out;
                ReportQueries q(store.backend(), tenantId, ReportRange{});
                for (const auto &n : q.chatNames(conversationIds))
                    out.append({n.conversationId, n.contact, n.phone});
                return out;
            });
        },
        std::move(done));
}

void AnalyticsService::chatsBetween(qint64 tenantId, ReportRange range, const QDate &first,
                                    const QDate &last, QObject *context,
                                    std::function<void(Result<QList<qint64>>)> done)
{
    m_store.run(
        context,
        [tenantId, range, first, last](Store &store) mutable {
            auto settings = store.tenants().settings(tenantId);
            if (!settings)
                return Result<QList<qint64>>::failure(settings.error());
            applySettings(settings.value(), range, nullptr);
            return sql::guard([&] {
                return ReportQueries(store.backend(), tenantId, range).chatsBetween(first, last);
            });
        },
        std::move(done));
}

} // namespace shopdesk
