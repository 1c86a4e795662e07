#pragma once

#include "LatestRequest.h"
#include "domain/Operator.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace shopdesk {

class AiEmployeeSection;
class ChannelsSection;
class ConsoleSettings;
class Engine;
class InboxSettingsSection;
class PeopleSection;
class PrivacySection;

// This console's database and data folder, the store's channels, its profile (hours, address,
// delivery: what the bot tells customers), the AI employee's settings, and the inbox's labels
// and quick replies.
class SettingsPane : public QWidget
{
    Q_OBJECT
public:
    SettingsPane(Engine &engine, ConsoleSettings &settings, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    // What the signed-in person may change: the other sections are shown but switched off.
    void setOperator(const Operator &op);
    PeopleSection *people() const { return m_people; }
    PrivacySection *privacy() const { return m_privacy; }
    QSpinBox *lockMinutes() const { return m_lockMinutes; }
    QLineEdit *databaseEdit() const { return m_database; }
    ChannelsSection *channels() const { return m_channels; }
    AiEmployeeSection *agent() const { return m_agent; }
    InboxSettingsSection *inbox() const { return m_inbox; }
    QCheckBox *alertSound() const { return m_alertSound; }
    QCheckBox *lowStockTray() const { return m_lowStockTray; }
    QLineEdit *profileField(const QString &key) const { return m_profileEdits.value(key); }
    void saveProfile();

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void alertSoundChanged(bool on);
    void lowStockTrayChanged(bool on);
    void lockMinutesChanged(int minutes);

private:
    void saveDatabase();
    void updateEngineState();
    void loadProfile();

    Engine &m_engine;
    ConsoleSettings &m_settings;
    QLineEdit *m_database = nullptr;
    QLabel *m_engineState = nullptr;
    QFormLayout *m_profile = nullptr;
    ChannelsSection *m_channels = nullptr;
    AiEmployeeSection *m_agent = nullptr;
    InboxSettingsSection *m_inbox = nullptr;
    QCheckBox *m_alertSound = nullptr;
    QCheckBox *m_lowStockTray = nullptr;
    QSpinBox *m_lockMinutes = nullptr;
    PeopleSection *m_people = nullptr;
    PrivacySection *m_privacy = nullptr;
    QWidget *m_profileBox = nullptr;
    QHash<QString, QLineEdit *> m_profileEdits;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    LatestRequest m_request;
};

} // namespace shopdesk
