#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>

class QSystemTrayIcon;

namespace shopdesk {

class BannerWidget;
class ReorderTableModel;

// Tells the console when products fall to or below their low-stock level: a banner naming
// them (and, when the tray is on, a tray message), once when a store is opened with products
// already low and again each time another one falls low. Products that were restocked and fall
// low again are news again.
class LowStockAlert : public QObject
{
    Q_OBJECT
public:
    LowStockAlert(ReorderTableModel &reorder, BannerWidget &banner, QObject *parent = nullptr);

    void setTray(QSystemTrayIcon *tray) { m_tray = tray; }
    void setTrayEnabled(bool on) { m_trayOn = on; }

Q_SIGNALS:
    // The products just found low, by name, and the banner's words.
    void alerted(const QStringList &products, const QString &text);

private:
    void check();

    ReorderTableModel &m_reorder;
    BannerWidget &m_banner;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_trayOn = true;
    qint64 m_tenantId = -1;
    QSet<qint64> m_low; // products at or below their level at the last check
};

} // namespace shopdesk
