#include "ConsoleSettings.h"

#include <algorithm>

namespace shopdesk {

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}
void ConsoleSettings::setWindowGeometry(const QByteArray &g)
{
    m_settings.setValue(QStringLiteral("window/geometry"), g);
}
QByteArray ConsoleSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}
void ConsoleSettings::setWindowState(const QByteArray &s)
{
    m_settings.setValue(QStringLiteral("window/state"), s);
}
int ConsoleSettings::lastPane() const
{
    return m_settings.value(QStringLiteral("window/pane"), 0).toInt();
}
void ConsoleSettings::setLastPane(int pane)
{
    m_settings.setValue(QStringLiteral("window/pane"), pane);
}
QString ConsoleSettings::lastStore() const
{
    return m_settings.value(QStringLiteral("console/store")).toString();
}
void ConsoleSettings::setLastStore(const QString &slug)
{
    m_settings.setValue(QStringLiteral("console/store"), slug);
}
QString ConsoleSettings::operatorName(const QString &storeSlug) const
{
    return m_settings.value(QStringLiteral("operators/") + storeSlug).toString();
}
void ConsoleSettings::setOperatorName(const QString &storeSlug, const QString &name)
{
    m_settings.setValue(QStringLiteral("operators/") + storeSlug, name);
}
bool ConsoleSettings::alertSound() const
{
    return m_settings.value(QStringLiteral("console/alert_sound"), true).toBool();
}
void ConsoleSettings::setAlertSound(bool on)
{
    m_settings.setValue(QStringLiteral("console/alert_sound"), on);
}
bool ConsoleSettings::lowStockTray() const
{
    return m_settings.value(QStringLiteral("console/low_stock_tray"), true).toBool();
}
void ConsoleSettings::setLowStockTray(bool on)
{
    m_settings.setValue(QStringLiteral("console/low_stock_tray"), on);
}
int ConsoleSettings::lockAfterMinutes() const
{
    return m_settings.value(QStringLiteral("console/lock_after_min"), 10).toInt();
}
void ConsoleSettings::setLockAfterMinutes(int minutes)
{
    m_settings.setValue(QStringLiteral("console/lock_after_min"), std::max(0, minutes));
}
QString ConsoleSettings::databaseUrl() const
{
    return m_settings.value(QStringLiteral("console/database")).toString();
}
void ConsoleSettings::setDatabaseUrl(const QString &url)
{
    m_settings.setValue(QStringLiteral("console/database"), url);
}

} // namespace shopdesk
