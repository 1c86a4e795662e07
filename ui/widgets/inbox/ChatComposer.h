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

namespace shopdesk {

// Where a person writes in a chat: a reply to the customer (which takes the chat from the bot
// unless "Reply without taking over" is ticked), or a private note (yellow, never sent). Typing
// "/" offers the store's quick replies. When the 24-hour window is closed it says that only
// templates can go.
class ChatComposer : public QWidget
{
    Q_OBJECT
public:
    explicit ChatComposer(QWidget *parent = nullptr);

    void showConversation(const ConversationSummary &summary, const QString &storeName);
    void setQuickReplies(const QList<QuickReply> &replies);
    void setTemplates(const QList<MessageTemplate> &templates);
    bool templateMode() const; // the window has closed: only a template can go
    static QString expand(const QString &text, const ConversationSummary &summary,
                          const QString &storeName);
    void finished(bool ok, const QString &text); // clears the box, or puts the text back

    QLineEdit *editor() const { return m_editor; }
    QCheckBox *keepBot() const { return m_keepBot; }
    QPushButton *noteToggle() const { return m_note; }
    QPushButton *sendButton() const { return m_send; }
    QCompleter *quickReplyCompleter() const { return m_completer; }
    QComboBox *templatePicker() const { return m_templates; }
    QLineEdit *templateValues() const { return m_values; }

Q_SIGNALS:
    void sendRequested(const QString &text, bool takeOver);
    void noteRequested(const QString &text);
    void templateRequested(const QString &name, const QString &language, const QStringList &values,
                           bool takeOver);

private:
    void submit();
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
};

} // namespace shopdesk
