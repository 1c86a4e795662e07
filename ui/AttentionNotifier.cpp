#include "AttentionNotifier.h"

#include "ConversationListModel.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

namespace shopdesk {

namespace {

QIcon trayGlyph()
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0x2f, 0x6f, 0x4f));
    p.setPen(Qt::NoPen);
    p.drawEllipse(2, 2, 28, 28);
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setBold(true);
    f.setPixelSize(18);
    p.setFont(f);
    p.drawText(pixmap.rect(), Qt::AlignCenter, QStringLiteral("S"));
    return QIcon(pixmap);
}

} // namespace

AttentionNotifier::AttentionNotifier(ConversationListModel &conversations, QWidget *window,
                                     QObject *parent)
    : QObject(parent)
    , m_conversations(conversations)
    , m_window(window)
{
    m_tray = new QSystemTrayIcon(trayGlyph(), this);
    m_tray->setToolTip(tr("Shopdesk"));
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (m_last > 0)
            Q_EMIT openRequested(m_last);
    });
    connect(&m_conversations, &QAbstractItemModel::modelReset, this, &AttentionNotifier::reseed);
    connect(
        &m_conversations, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &from, const QModelIndex &to) { check(from.row(), to.row()); });
}

void AttentionNotifier::reseed()
{
    // A new store: what already waits is known, not news. The same store reloaded: a chat that
    // appears already waiting (a new customer escalated at once) is news.
    const bool sameStore = m_tenantId == m_conversations.tenantId();
    m_tenantId = m_conversations.tenantId();
    QSet<qint64> waiting;
    for (int row = 0; row < m_conversations.rowCount(); ++row) {
        const QModelIndex index = m_conversations.index(row);
        if (!index.data(ConversationListModel::NeedsHumanRole).toBool())
            continue;
        const qint64 id = index.data(ConversationListModel::ConversationIdRole).toLongLong();
        waiting.insert(id);
        if (sameStore && !m_waiting.contains(id))
            notify(row);
    }
    m_waiting = waiting;
}

void AttentionNotifier::check(int firstRow, int lastRow)
{
    for (int row = std::max(0, firstRow); row <= lastRow && row < m_conversations.rowCount();
         ++row) {
        const QModelIndex index = m_conversations.index(row);
        const qint64 id = index.data(ConversationListModel::ConversationIdRole).toLongLong();
        const bool waiting = index.data(ConversationListModel::NeedsHumanRole).toBool();
        if (waiting && !m_waiting.contains(id)) {
            m_waiting.insert(id);
            notify(row);
        } else if (!waiting) {
            m_waiting.remove(id);
        }
    }
}

void AttentionNotifier::notify(int row)
{
    const QModelIndex index = m_conversations.index(row);
    m_last = index.data(ConversationListModel::ConversationIdRole).toLongLong();
    const QString title = tr("%1 needs a person").arg(index.data().toString());
    const QString text = index.data(ConversationListModel::EscalationReasonRole).toString();
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 10000);
    if (m_window)
        QApplication::alert(m_window); // the taskbar entry asks for attention
    if (m_sound)
        QApplication::beep(); // the desktop's own alert sound, at its volume
    Q_EMIT notified(m_last, title, text);
}

} // namespace shopdesk
