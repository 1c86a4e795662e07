#include "dialogs/AnalyticsSettingsDialog.h"

#include "analytics/AnalyticsService.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace shopdesk {

AnalyticsSettingsDialog::AnalyticsSettingsDialog(AnalyticsService &service, qint64 tenantId,
                                                 qint64 actorId, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_tenant(tenantId)
    , m_actor(actorId)
{
    setWindowTitle(tr("Report settings"));
    m_zone = new QComboBox(this);
    m_zone->setEditable(true);
    m_zone->addItem(
        tr("This computer's (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())),
        QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_minutes = new QDoubleSpinBox(this);
    m_minutes->setRange(0, 120);
    m_minutes->setDecimals(1);
    m_minutes->setSuffix(tr(" min"));
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("Count days and hours in"), m_zone);
    form->addRow(tr("A person would spend, per answer the bot gave"), m_minutes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AnalyticsSettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    m_service.settings(m_tenant, this, [this, buttons](Result<AnalyticsService::Settings> s) {
        if (!s) {
            m_error->setText(tr("The settings could not be read: %1").arg(s.error()));
            m_error->show();
            return;
        }
        const int row = s->timeZone.isEmpty() ? 0 : m_zone->findData(s->timeZone);
        if (row >= 0)
            m_zone->setCurrentIndex(row);
        else
            m_zone->setEditText(s->timeZone);
        m_minutes->setValue(s->minutesPerAnswer);
        buttons->button(QDialogButtonBox::Save)->setEnabled(true);
    });
}

void AnalyticsSettingsDialog::save()
{
    AnalyticsService::Settings s;
    const int row = m_zone->findText(m_zone->currentText());
    s.timeZone = row >= 0 ? m_zone->itemData(row).toString() : m_zone->currentText().trimmed();
    s.minutesPerAnswer = m_minutes->value();
    m_service.saveSettings(m_tenant, m_actor, s, this, [this](Status saved) {
        if (!saved) {
            m_error->setText(saved.error());
            m_error->show();
            return;
        }
        Q_EMIT this->saved();
        accept();
    });
}

} // namespace shopdesk
