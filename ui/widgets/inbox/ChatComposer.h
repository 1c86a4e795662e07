#pragma once

#include "conversation/InboxSettings.h"
#include "domain/Conversation.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;
class QToolButton;

namespace shopdesk {

class AttachmentChip;

// Where a person writes in a chat: a reply to the customer (which takes the chat from the bot
// unless "Reply without taking over" is ticked), or a private note (yellow, never sent). Typing
// "/" offers the store's quick replies ({name}, {store}, {balance} filled in; one with an image
// attaches it). A file (photo, document…) can be attached or dropped on it; the text becomes its
// caption. When the 24-hour window is closed only templates can go.
class ChatComposer : public QWidget
{
    Q_OBJECT
public:
    explicit ChatComposer(QWidget *parent = nullptr);

    void showConversation(const ConversationSummary &summary, const QString &storeName);
    void setQuickReplies(const QList<QuickReply> &replies);
    void setTemplates(const QList<MessageTemplate> &templates);
    void setBalance(qint64 conversationId, const QString &balance); // for {balance}
    QString balance() const;                                        // the open chat's, once known
    // Puts a file with the next message (the Attach button and a drop call this).
    void attachFile(const QString &path);
    bool templateMode() const; // the window has closed: only a template can go
    static QString expand(const QString &text, const ConversationSummary &summary,
                          const QString &storeName, const QString &balance);
    void finished(bool ok, const QString &text); // clears the box, or puts the text back

    QLineEdit *editor() const { return m_editor; }
    QCheckBox *keepBot() const { return m_keepBot; }
    QPushButton *noteToggle() const { return m_note; }
    QPushButton *sendButton() const { return m_send; }
    QCompleter *quickReplyCompleter() const { return m_completer; }
    QComboBox *templatePicker() const { return m_templates; }
    QLineEdit *templateValues() const { return m_values; }
    QToolButton *attachButton() const { return m_attach; }
    AttachmentChip *attachment() const { return m_chip; }
    QLabel *hint() const { return m_hint; }

Q_SIGNALS:
    void sendRequested(const QString &text, bool takeOver);
    void noteRequested(const QString &text);
    void fileRequested(const QString &path, const QString &caption, bool takeOver);
    void templateRequested(const QString &name, const QString &language, const QStringList &values,
                           bool takeOver);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void submit();
    void chooseFile();
    void updateMode();
    void applyQuickReply(const QString &choice);
    void buildTemplateRow();
    void showTemplatePreview();

    ConversationSummary m_summary;
    QString m_storeName;
    QList<QuickReply> m_replies;
    QLineEdit *m_editor = nullptr;
    QPushButton *m_note = nullptr;
    QPushButton *m_send = nullptr;
    QCheckBox *m_keepBot = nullptr;
    QLabel *m_hint = nullptr;
    QCompleter *m_completer = nullptr;
    QList<MessageTemplate> m_templateList;
    QWidget *m_templateRow = nullptr;
    QComboBox *m_templates = nullptr;
    QLineEdit *m_values = nullptr;
    QLabel *m_preview = nullptr;
    QStringListModel *m_choices = nullptr;
    QToolButton *m_attach = nullptr;
    AttachmentChip *m_chip = nullptr;
    qint64 m_balanceFor = 0;
    QString m_balance;
};

} // namespace shopdesk
