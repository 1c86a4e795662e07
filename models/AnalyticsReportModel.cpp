#include "AnalyticsReportModel.h"

#include "analytics/AnalyticsService.h"
#include "analytics/ReportBuilder.h"

namespace shopdesk {

AnalyticsReportModel::AnalyticsReportModel(AnalyticsService &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    connect(&m_service, &AnalyticsService::progress, this, &AnalyticsReportModel::progress);
}

void AnalyticsReportModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenant)
        return;
    m_tenant = tenantId;
    cancel();
    m_has = false;
    m_report = Report{};
    Q_EMIT reportChanged();
}

void AnalyticsReportModel::load(const ReportRange &range)
{
    if (m_tenant <= 0)
        return;
    const quint64 generation = ++m_generation;
    setLoading(true);
    m_service.report(m_tenant, range, this, [this, generation](Result<Report> r) {
        if (generation != m_generation)
            return; // a newer range was asked for
        setLoading(false);
        if (!r) {
            if (r.error() == ReportBuilder::cancelledText())
                Q_EMIT cancelled();
            else
                Q_EMIT loadFailed(tr("The report could not be made: %1").arg(r.error()));
            return;
        }
        m_report = std::move(r).value();
        m_has = true;
        Q_EMIT reportChanged();
    });
}

void AnalyticsReportModel::cancel()
{
    if (!m_loading)
        return;
    m_service.cancel(); // the running report stops at its next step and answers "cancelled"
}

void AnalyticsReportModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace shopdesk
