#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QSystemTrayIcon;
class QWidget;

namespace shopdesk {

class ConversationListModel;

// Tells the person at the console when a chat starts waiting for a person: a tray
// notification (clicking it opens the chat), a sound (a setting), and the window's taskbar
// entry asks for attention. Watches the inbox's model: a chat that was not waiting and now is.
class AttentionNotifier : public QObject
{
    Q_OBJECT
public:
    AttentionNotifier(ConversationListModel &conversations, QWidget *window,
                      QObject *parent = nullptr);

    void setSoundEnabled(bool on) { m_sound = on; }
    bool soundEnabled() const { return m_sound; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }

Q_SIGNALS:
    void notified(qint64 conversationId, const QString &title, const QString &text);
    void openRequested(qint64 conversationId);

private:
    void reseed();
    void check(int firstRow, int lastRow);
    void notify(int row);

    ConversationListModel &m_conversations;
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QSet<qint64> m_waiting;
    qint64 m_tenantId = -1;
    qint64 m_last = 0;
    bool m_sound = true;
};

} // namespace shopdesk
