#pragma once

#include "conversation/InboxSettings.h"

#include <QGroupBox>

class QListWidget;
class QPushButton;
class QTableWidget;

namespace shopdesk {

class ConversationService;

// The store's inbox settings: its labels with their colours (add, rename in place, colour,
// remove) and its quick replies (shortcut, text with {name} {store} {balance}, an optional
// file such as a UPI QR, kept in the data folder). Saved together.
class InboxSettingsSection : public QGroupBox
{
    Q_OBJECT
public:
    InboxSettingsSection(ConversationService &service, QString dataDir, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves (the engine checks)
    void save();
    InboxSettings edited() const; // what the form holds now

    QListWidget *labels() const { return m_labels; }
    QTableWidget *quickReplies() const { return m_replies; }
    QPushButton *saveButton() const { return m_save; }
    // Gives the selected quick reply this file (copied into the data folder); "" takes it off.
    bool setReplyFile(int row, const QString &path);
    void addLabel(const QString &name, const QString &colour);
    void addReply(const QuickReply &reply);

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();

private:
    QWidget *buildLabels();
    QWidget *buildReplies();
    void show(const InboxSettings &settings);
    void chooseColour();
    void chooseFile();

    ConversationService &m_service;
    QString m_dataDir;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    QListWidget *m_labels = nullptr;
    QTableWidget *m_replies = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace shopdesk
