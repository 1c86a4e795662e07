#pragma once

#include "LatestRequest.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace shopdesk {

class ChannelsSection;
class ConsoleSettings;
class Engine;

// This console's database and data folder, and the current store's profile.
class SettingsPane : public QWidget
{
    Q_OBJECT
public:
    SettingsPane(Engine &engine, ConsoleSettings &settings, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    QLineEdit *databaseEdit() const { return m_database; }
    int profileRowCount() const;
    ChannelsSection *channels() const { return m_channels; }

Q_SIGNALS:
    void message(const QString &text, bool isError);

private:
    void saveDatabase();
    void updateEngineState();

    Engine &m_engine;
    ConsoleSettings &m_settings;
    QLineEdit *m_database = nullptr;
    QLabel *m_engineState = nullptr;
    QFormLayout *m_profile = nullptr;
    ChannelsSection *m_channels = nullptr;
    qint64 m_tenantId = 0;
    LatestRequest m_request;
};

} // namespace shopdesk
