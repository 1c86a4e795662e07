#pragma once

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace shopdesk {

class AnalyticsService;

// The report settings of a store: the time zone its days and hours are counted in, and the
// minutes a person would spend on an answer the bot gave (for "time saved"). Read and saved
// through the engine's AnalyticsService; a refused value is explained in the dialog.
class AnalyticsSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    AnalyticsSettingsDialog(AnalyticsService &service, qint64 tenantId, qint64 actorId,
                            QWidget *parent = nullptr);

    QComboBox *zone() const { return m_zone; }
    QDoubleSpinBox *minutes() const { return m_minutes; }
    void save();

Q_SIGNALS:
    void saved();

private:
    AnalyticsService &m_service;
    qint64 m_tenant;
    qint64 m_actor;
    QComboBox *m_zone = nullptr;
    QDoubleSpinBox *m_minutes = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace shopdesk
