#include "LowStockAlert.h"

#include "ReorderTableModel.h"
#include "widgets/BannerWidget.h"

#include <QSystemTrayIcon>

namespace shopdesk {

LowStockAlert::LowStockAlert(ReorderTableModel &reorder, BannerWidget &banner, QObject *parent)
    : QObject(parent)
    , m_reorder(reorder)
    , m_banner(banner)
{
    connect(&m_reorder, &ReorderTableModel::loaded, this, &LowStockAlert::check);
}

void LowStockAlert::check()
{
    if (m_reorder.tenantId() != m_tenantId) { // another store: what is low there is news
        m_tenantId = m_reorder.tenantId();
        m_low.clear();
    }
    QSet<qint64> low;
    QStringList fresh;    // "Chakki Atta (2 left)"
    QStringList products; // "Chakki Atta"
    for (const ReorderPlanner::Line &l : m_reorder.lines()) {
        const Product &p = l.product;
        const bool atLevel =
            p.stock <= 0 || (p.lowStockThreshold > 0 && p.stock <= p.lowStockThreshold);
        if (!atLevel)
            continue;
        low.insert(p.id);
        if (m_low.contains(p.id))
            continue;
        products << (p.brand.isEmpty() ? p.name : QStringLiteral("%1 %2").arg(p.brand, p.name));
        fresh << QStringLiteral("%1 (%2 left)")
                     .arg(products.last(), QString::number(std::max(0.0, p.stock), 'g', 6));
    }
    m_low = low;
    if (fresh.isEmpty())
        return;
    const QString names = fresh.size() <= 3 ? fresh.join(QStringLiteral(", "))
                                            : tr("%1 and %n more", nullptr, int(fresh.size() - 3))
                                                  .arg(fresh.mid(0, 3).join(QStringLiteral(", ")));
    const QString text =
        tr("Running low: %1. Inventory \u203a To reorder lists what to buy.").arg(names);
    m_banner.showMessage(BannerWidget::Kind::Warning, text);
    if (m_tray && m_trayOn && m_tray->isVisible())
        m_tray->showMessage(tr("Running low on stock"), names, QSystemTrayIcon::Warning);
    Q_EMIT alerted(products, text);
}

} // namespace shopdesk
