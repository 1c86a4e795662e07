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
    // Who uses this console in a store (an operator's name), asked once per store.
    QString operatorName(const QString &storeSlug) const;
    void setOperatorName(const QString &storeSlug, const QString &name);
    bool alertSound() const; // a sound when a chat starts waiting for a person (default on)
    void setAlertSound(bool on);
    bool lowStockTray() const; // a tray message when products run low (default on)
    void setLowStockTray(bool on);
    // Minutes without a key or click before the console locks (0: never). Only a person with a
    // PIN or password is locked out: without one a lock would protect nothing.
    int lockAfterMinutes() const;
    void setLockAfterMinutes(int minutes);
    QString databaseUrl() const; // empty: the embedded default
    void setDatabaseUrl(const QString &url);

private:
    mutable QSettings m_settings;
};

} // namespace shopdesk
