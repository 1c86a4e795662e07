#pragma once

#include "domain/Conversation.h"
#include "domain/Operator.h"

#include <QMap>
#include <QTimer>
#include <QWidget>

class QAbstractButton;
class QLabel;
class QMenu;
class QPushButton;
class QToolButton;

namespace shopdesk {

// The top of an open chat: the customer, who answers (the bot, a person, closed), why it
// needs a person and for how long, the 24-hour window counting down, the labels, and the
// buttons to take it over (Ctrl+T), hand it back (Ctrl+B), close (Ctrl+Shift+C) or reopen
// (Ctrl+Shift+O) it and give it to someone.
class ConversationHeader : public QWidget
{
    Q_OBJECT
public:
    explicit ConversationHeader(QWidget *parent = nullptr);

    void showConversation(const ConversationSummary &summary);
    void clear();
    void setOperators(const QList<Operator> &operators);
    void setAvailableLabels(const QStringList &labels, const QMap<QString, QString> &colors);

    static QString windowText(const Conversation &c, const QDateTime &now);
    static QString waitingText(const Conversation &c, const QDateTime &now);

    QPushButton *takeOverButton() const { return m_takeOver; }
    QPushButton *handBackButton() const { return m_handBack; }
    QToolButton *closeButton() const { return m_close; }
    QPushButton *reopenButton() const { return m_reopen; }
    QToolButton *assignButton() const { return m_assign; }
    QToolButton *labelsButton() const { return m_labelsButton; }

Q_SIGNALS:
    void takeOverRequested();
    void handBackRequested();
    void closeRequested(const QString &reason);
    void reopenRequested();
    void assignRequested(qint64 operatorId);
    void labelToggled(const QString &label, bool on);

private:
    QString colorOf(const QString &label) const;
    void refresh();
    void rebuildLabelMenu();
    void addShortcut(const QKeySequence &keys, QAbstractButton *button);

    ConversationSummary m_summary;
    bool m_open = false;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_labels = nullptr;
    QPushButton *m_takeOver = nullptr;
    QPushButton *m_handBack = nullptr;
    QToolButton *m_close = nullptr;
    QPushButton *m_reopen = nullptr;
    QToolButton *m_assign = nullptr;
    QToolButton *m_labelsButton = nullptr;
    QMenu *m_assignMenu = nullptr;
    QMenu *m_labelMenu = nullptr;
    QStringList m_availableLabels;
    QMap<QString, QString> m_labelColors;
    QTimer m_clock; // the window and the wait, live
};

} // namespace shopdesk
