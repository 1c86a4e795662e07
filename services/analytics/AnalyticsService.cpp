#include "analytics/AnalyticsService.h"

#include "settings/StoreSettingsService.h"

#include "agent/ModelToolLoop.h"
#include "ai/ModelEndpoint.h"
#include "ai/OpenAiClient.h"
#include "ai/PersonalDataMask.h"
#include "analytics/MetricTool.h"
#include "analytics/ReportBuilder.h"
#include "analytics/ReportQueries.h"
#include "analytics/SentimentLexicon.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonDocument>

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

void AnalyticsService::setNetwork(QNetworkAccessManager *network)
{
    m_client = network ? std::make_unique<OpenAiClient>(*network) : nullptr;
}

void AnalyticsService::ask(qint64 tenantId, const QString &question, QObject *context,
                           std::function<void(Result<Answer>)> done)
{
    struct Setup
    {
        QDate today;
        QString endpoint;
        QStringList names; // the store's customers, masked before anything reaches a model
    };
    QPointer<AnalyticsService> self(this);
    m_store.run(
        this,
        [tenantId](Store &store) -> Result<Setup> {
            auto settings = store.tenants().settings(tenantId);
            if (!settings)
                return Result<Setup>::failure(settings.error());
            ReportRange zone;
            applySettings(settings.value(), zone, nullptr);
            Setup s{QDateTime::currentDateTimeUtc().toTimeZone(zone.zone).date(),
                    settings->value(KnowledgeSettings::kChatKey),
                    {}};
            if (ModelEndpoint::fromJson(s.endpoint).configured()) {
                auto contacts = store.conversations().contacts(tenantId);
                if (contacts)
                    for (const Contact &c : contacts.value())
                        if (!c.name.trimmed().isEmpty())
                            s.names << c.name;
            }
            return s;
        },
        [self, tenantId, question, context = QPointer<QObject>(context),
         done = std::move(done)](Result<Setup> setup) mutable {
            if (!self || !context)
                return;
            if (!setup) {
                done(Result<Answer>::failure(setup.error()));
                return;
            }
            if (self->m_client && ModelEndpoint::fromJson(setup->endpoint).configured())
                self->askModel(tenantId, question, setup->today, setup->endpoint, setup->names,
                               context, std::move(done));
            else
                self->askWithoutModel(tenantId, question, setup->today, {}, context,
                                      std::move(done));
        });
}

void AnalyticsService::askWithoutModel(qint64 tenantId, const QString &question, const QDate &today,
                                       const QString &modelProblem, QObject *context,
                                       std::function<void(Result<Answer>)> done)
{
    auto parsed = ReportQuestion::parse(question, today);
    if (!parsed) {
        done(Result<Answer>::failure(parsed.error(), ErrorKind::Invalid));
        return;
    }
    m_store.run(
        context,
        [tenantId, range = parsed->range](Store &store) { return build(store, tenantId, range); },
        [q = parsed.value(), modelProblem, done = std::move(done)](Result<Report> report) {
            if (!report) {
                done(Result<Answer>::failure(report.error()));
                return;
            }
            done(Answer{ReportQuestion::answer(q, report.value()), q, false, modelProblem});
        });
}

void AnalyticsService::askModel(qint64 tenantId, const QString &question, const QDate &today,
                                const QString &endpointJson, const QStringList &names,
                                QObject *context, std::function<void(Result<Answer>)> done)
{
    const QJsonArray messages{
        QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                    {QStringLiteral("content"), MetricTool::systemPrompt(today)}},
        QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                    {QStringLiteral("content"), PersonalDataMask::mask(question, names)}}};
    auto asked = std::make_shared<std::optional<ReportQuestion::Parsed>>();
    QPointer<AnalyticsService> self(this);
    const auto execute = [self, tenantId, names, asked,
                          context](const QString &, const QJsonObject &arguments,
                                   std::function<void(QJsonObject)> reply) {
        auto q = MetricTool::read(arguments);
        if (!q || !self) {
            reply({{QStringLiteral("error"), q ? QStringLiteral("stopped") : q.error()}});
            return;
        }
        self->m_store.run(
            context,
            [tenantId, range = q->range](Store &store) { return build(store, tenantId, range); },
            [q = q.value(), names, asked, reply = std::move(reply)](Result<Report> report) {
                if (!report) {
                    reply({{QStringLiteral("error"), report.error()}});
                    return;
                }
                *asked = q;
                asked->value().range = report->range;
                const QString figures =
                    QString::fromUtf8(QJsonDocument(MetricTool::figures(q, report.value()))
                                          .toJson(QJsonDocument::Compact));
                reply(QJsonDocument::fromJson(PersonalDataMask::mask(figures, names).toUtf8())
                          .object());
            });
    };
    ModelToolLoop::run(
        *m_client, ModelEndpoint::fromJson(endpointJson), messages, MetricTool::tools(), execute,
        context,
        [self, tenantId, question, today, asked, context,
         done = std::move(done)](ModelToolLoop::Outcome outcome) mutable {
            if (!self)
                return;
            QString problem = outcome.ok ? QString() : outcome.failure;
            if (problem.isEmpty() && !asked->has_value())
                problem = QStringLiteral("the model answered without asking for a figure");
            if (problem.isEmpty()) {
                const QString number =
                    MetricTool::unsupportedNumber(outcome.text, outcome.evidence, question);
                if (!number.isEmpty())
                    problem = QStringLiteral("the model's answer has %1, which no figure "
                                             "returned")
                                  .arg(number);
            }
            if (problem.isEmpty()) {
                done(Answer{outcome.text, asked->value(), true, {}});
                return;
            }
            self->askWithoutModel(tenantId, question, today, problem, context, std::move(done));
        });
}

const SentimentLexicon &AnalyticsService::lexicon()
{
    static SentimentLexicon loaded;
    static std::once_flag once;
    std::call_once(once, [] { loaded.load(); });
    return loaded;
}

QDate AnalyticsService::storeToday(Store &store, qint64 tenantId, ReportRange range)
{
    if (auto settings = store.tenants().settings(tenantId))
        applySettings(settings.value(), range, nullptr);
    return QDateTime::currentDateTimeUtc().toTimeZone(range.zone).date();
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

void AnalyticsService::settings(qint64 tenantId, QObject *context,
                                std::function<void(Result<Settings>)> done)
{
    m_store.run(
        context,
        [tenantId](Store &store) -> Result<Settings> {
            auto values = store.tenants().settings(tenantId);
            if (!values)
                return Result<Settings>::failure(values.error());
            Settings s;
            s.timeZone = values->value(QStringLiteral("store.time_zone")).trimmed();
            ReportRange unused;
            applySettings(values.value(), unused, &s.minutesPerAnswer);
            return s;
        },
        std::move(done));
}

void AnalyticsService::saveSettings(qint64 tenantId, qint64 actorId, const Settings &settings,
                                    QObject *context, std::function<void(Status)> done)
{
    const QString zone = settings.timeZone.trimmed();
    if (!zone.isEmpty() && !QTimeZone(zone.toUtf8()).isValid()) {
        done(Status::failure(
            tr("\"%1\" is not a time zone this computer knows; pick one from the list, such "
               "as Asia/Kolkata.")
                .arg(zone),
            ErrorKind::Invalid));
        return;
    }
    if (settings.minutesPerAnswer < 0 || settings.minutesPerAnswer > 120) {
        done(Status::failure(tr("Minutes per answer go from 0 to 120."), ErrorKind::Invalid));
        return;
    }
    const QList<QPair<QString, QString>> values{{QStringLiteral("store.time_zone"), zone},
                                                {QStringLiteral("analytics.minutes_per_answer"),
                                                 QString::number(settings.minutesPerAnswer)}};
    m_store.run(
        context,
        [tenantId, actorId, values](Store &store) {
            return StoreSettingsService::save(store, tenantId, actorId, values);
        },
        std::move(done));
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
                    out.append({n.conversationId, n.contact, n.phone,
                                QDateTime::fromMSecsSinceEpoch(n.lastMessageAt, Qt::UTC)});
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
