#pragma once

#include "analytics/Report.h"

#include <QObject>

namespace shopdesk {

class AnalyticsService;

// The report the Analytics pane shows: asks the engine's AnalyticsService for a range (on the
// reports connection, off the UI thread), passes on its progress, keeps the newest answer and
// drops superseded ones. Charts and tables are fed from report().
class AnalyticsReportModel : public QObject
{
    Q_OBJECT
public:
    explicit AnalyticsReportModel(AnalyticsService &service, QObject *parent = nullptr);

    void setTenant(qint64 tenantId);
    qint64 tenant() const { return m_tenant; }
    void load(const ReportRange &range);
    void cancel();
    bool isLoading() const { return m_loading; }
    bool hasReport() const { return m_has; }
    const Report &report() const { return m_report; }
    AnalyticsService &service() const { return m_service; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void progress(int step, int steps, const QString &what);
    void reportChanged();
    void loadFailed(const QString &message);
    void cancelled();

private:
    void setLoading(bool loading);

    AnalyticsService &m_service;
    qint64 m_tenant = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_has = false;
    Report m_report;
};

} // namespace shopdesk
