#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace shopdesk {

// What the console remembers between runs (QSettings): window, pane, store, database.
class ConsoleSettings
{
public:
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    int lastPane() const;
    void setLastPane(int pane);
    QString lastStore() const; // slug
    void setLastStore(const QString &slug);
    QString databaseUrl() const; // empty: the embedded default
    void setDatabaseUrl(const QString &url);

private:
    mutable QSettings m_settings;
};

} // namespace shopdesk
