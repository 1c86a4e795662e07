#include "widgets/inbox/ChatComposer.h"

#include "widgets/inbox/AttachmentChip.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace shopdesk {

ChatComposer::ChatComposer(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("composerBar"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(
        QStringLiteral("#composerBar { background:#f6f6f6; border-top:1px solid #ddd; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    auto *row = new QHBoxLayout;
    m_note = new QPushButton(tr("Note"), this);
    m_note->setObjectName(QStringLiteral("noteToggle"));
    m_note->setCheckable(true);
    m_note->setToolTip(tr("Write a private note for your team instead; it is never sent"));
    m_editor = new QLineEdit(this);
    m_editor->setObjectName(QStringLiteral("composer"));
    m_editor->setMaxLength(4096);
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_attach = new QToolButton(this);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setText(QStringLiteral("📎"));
    m_attach->setToolTip(tr("Attach a photo or a document (or drop a file here)"));
    m_chip = new AttachmentChip(this);
    buildTemplateRow();
    layout->addWidget(m_chip);
    row->addWidget(m_note);
    row->addWidget(m_attach);
    row->addWidget(m_editor, 1);
    row->addWidget(m_templates);
    row->addWidget(m_values, 1);
    row->addWidget(m_send);
    layout->addLayout(row);
    layout->addWidget(m_templateRow);
    auto *below = new QHBoxLayout;
    m_keepBot = new QCheckBox(tr("Reply without taking over (the bot stays on)"), this);
    m_keepBot->setObjectName(QStringLiteral("keepBotOn"));
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("composerNote"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color:#666;"));
    below->addWidget(m_hint, 1);
    below->addWidget(m_keepBot);
    layout->addLayout(below);

    m_choices = new QStringListModel(this);
    m_completer = new QCompleter(m_choices, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_editor->setCompleter(m_completer);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &choice) {
                // After QLineEdit has put the choice in: replace it with the expanded text.
                QMetaObject::invokeMethod(
                    this, [this, choice] { applyQuickReply(choice); }, Qt::QueuedConnection);
            });
    connect(m_send, &QPushButton::clicked, this, &ChatComposer::submit);
    connect(m_editor, &QLineEdit::returnPressed, this, [this] {
        if (!m_completer->popup()->isVisible())
            submit();
    });
    connect(m_note, &QPushButton::toggled, this, &ChatComposer::updateMode);
    connect(m_keepBot, &QCheckBox::toggled, this, &ChatComposer::updateMode);
    connect(m_attach, &QToolButton::clicked, this, &ChatComposer::chooseFile);
    connect(m_chip, &AttachmentChip::removed, this, &ChatComposer::updateMode);
    setAcceptDrops(true);
}

void ChatComposer::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Send a file"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.txt "
           "*.mp3 *.ogg *.m4a *.mp4);;All files (*)"));
    if (!path.isEmpty())
        attachFile(path);
}

void ChatComposer::attachFile(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        m_hint->setText(tr("The file %1 is not there any more.").arg(path));
        return;
    }
    if (m_note->isChecked())
        m_note->setChecked(false); // a file goes to the customer, never into a note
    m_chip->setFile(path);
    updateMode();
    m_editor->setFocus();
}

void ChatComposer::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && !templateMode())
        event->acceptProposedAction();
}

void ChatComposer::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        attachFile(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

void ChatComposer::setBalance(qint64 conversationId, const QString &balance)
{
    m_balanceFor = conversationId;
    m_balance = balance;
}

QString ChatComposer::balance() const
{
    return m_balanceFor == m_summary.conversation.id ? m_balance : QString();
}

void ChatComposer::buildTemplateRow()
{
    m_templateRow = new QWidget(this);
    auto *row = new QVBoxLayout(m_templateRow);
    row->setContentsMargins(0, 0, 0, 0);
    m_templates = new QComboBox(this);
    m_templates->setObjectName(QStringLiteral("templatePicker"));
    m_values = new QLineEdit(this);
    m_values->setObjectName(QStringLiteral("templateValues"));
    m_values->setPlaceholderText(tr("The template's values, separated by | (for {{1}}, {{2}}…)"));
    m_preview = new QLabel(m_templateRow);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setWordWrap(true);
    m_preview->setStyleSheet(QStringLiteral("color:#333; background:white; padding:4px;"));
    row->addWidget(m_preview);
    connect(m_templates, &QComboBox::currentIndexChanged, this, &ChatComposer::showTemplatePreview);
    connect(m_values, &QLineEdit::textChanged, this, &ChatComposer::showTemplatePreview);
    connect(m_values, &QLineEdit::returnPressed, this, &ChatComposer::submit);
}

void ChatComposer::setTemplates(const QList<MessageTemplate> &templates)
{
    m_templateList = templates;
    m_templates->clear();
    for (const MessageTemplate &t : templates)
        m_templates->addItem(
            t.language.isEmpty() ? t.name : QStringLiteral("%1 (%2)").arg(t.name, t.language));
    updateMode();
}

bool ChatComposer::templateMode() const
{
    const Conversation &c = m_summary.conversation;
    const bool windowOpen =
        c.windowClosesAt().isValid() && c.windowClosesAt() > QDateTime::currentDateTimeUtc();
    return c.channelId > 0 && !windowOpen && !m_note->isChecked();
}

void ChatComposer::showTemplatePreview()
{
    const int at = m_templates->currentIndex();
    if (at < 0 || at >= m_templateList.size()) {
        m_preview->setText(tr("This WhatsApp number has no approved templates yet: add them in "
                              "Settings › Channels."));
        return;
    }
    const MessageTemplate &t = m_templateList.at(at);
    QString text = t.text.isEmpty() ? t.name : t.text;
    const QStringList values = m_values->text().split(QLatin1Char('|'));
    for (int i = 0; i < t.params; ++i) {
        const QString v = i < values.size() ? values.at(i).trimmed() : QString();
        text.replace(QStringLiteral("{{%1}}").arg(i + 1), v.isEmpty() ? QStringLiteral("…") : v);
    }
    m_preview->setText(t.params > 0 ? tr("%1  (needs %2 values)").arg(text).arg(t.params) : text);
}

QString ChatComposer::expand(const QString &text, const ConversationSummary &summary,
                             const QString &storeName, const QString &balance)
{
    QString out = text;
    const QString name = summary.contactName.trimmed().isEmpty()
                             ? QObject::tr("there")
                             : summary.contactName.trimmed().section(QLatin1Char(' '), 0, 0);
    out.replace(QStringLiteral("{name}"), name);
    out.replace(QStringLiteral("{store}"), storeName);
    out.replace(QStringLiteral("{balance}"), balance.isEmpty() ? QStringLiteral("…") : balance);
    return out;
}

void ChatComposer::setQuickReplies(const QList<QuickReply> &replies)
{
    m_replies = replies;
    QStringList choices;
    for (const QuickReply &r : replies)
        choices << QLatin1Char('/') + r.shortcut;
    m_choices->setStringList(choices);
}

void ChatComposer::applyQuickReply(const QString &choice)
{
    for (const QuickReply &r : std::as_const(m_replies)) {
        if (QLatin1Char('/') + r.shortcut == choice) {
            m_editor->setText(expand(r.text, m_summary, m_storeName, balance()));
            if (!r.image.isEmpty())
                attachFile(r.image);
            m_editor->setFocus();
            return;
        }
    }
}

void ChatComposer::showConversation(const ConversationSummary &summary, const QString &storeName)
{
    const bool switched = m_summary.conversation.id != summary.conversation.id;
    m_summary = summary;
    m_storeName = storeName;
    if (switched) {
        m_editor->clear();
        m_note->setChecked(false);
        m_keepBot->setChecked(false);
        m_chip->clear();
    }
    updateMode();
}

void ChatComposer::updateMode()
{
    const Conversation &c = m_summary.conversation;
    const bool note = m_note->isChecked();
    const bool windowOpen =
        c.windowClosesAt().isValid() && c.windowClosesAt() > QDateTime::currentDateTimeUtc();
    m_keepBot->setVisible(!note && c.owner != OwnerKind::Human);
    m_editor->setStyleSheet(note ? QStringLiteral("QLineEdit { background:#fff4c2; }") : QString());
    m_editor->setPlaceholderText(note ? tr("A note for your team (the customer never sees it)…")
                                 : m_chip->hasFile()
                                     ? tr("Add a caption (optional)…")
                                     : tr("Write to the customer as yourself… (/ for quick "
                                          "replies)"));
    m_send->setText(note ? tr("Add note") : tr("Send"));
    const bool templates = templateMode();
    if (templates || note)
        m_chip->clear();
    m_attach->setVisible(!templates && !note && c.channelId > 0);
    m_templateRow->setVisible(templates);
    m_templates->setVisible(templates);
    m_values->setVisible(templates);
    m_editor->setVisible(!templates);
    if (templates)
        showTemplatePreview();
    QString hint;
    if (note)
        hint = tr("Private note: only people at the console see it.");
    else if (c.channelId <= 0)
        hint = tr("This conversation is not connected to a WhatsApp number.");
    else if (!windowOpen)
        hint = tr("More than 24 hours since the customer wrote: WhatsApp only delivers approved "
                  "templates now. Choose one and fill in its values.");
    else if (c.owner == OwnerKind::Human)
        hint = tr("Messages you send here go to the customer on WhatsApp.");
    else if (m_keepBot->isChecked())
        hint = tr("The bot stays on and keeps answering this customer.");
    else
        hint = tr("Sending takes this chat from the bot: it goes silent until you hand it back.");
    m_hint->setText(hint);
}

void ChatComposer::submit()
{
    if (templateMode()) {
        const int at = m_templates->currentIndex();
        if (at < 0 || at >= m_templateList.size() || m_summary.conversation.id == 0)
            return;
        const MessageTemplate &t = m_templateList.at(at);
        QStringList values;
        for (const QString &v : m_values->text().split(QLatin1Char('|'), Qt::SkipEmptyParts))
            values << v.trimmed();
        if (values.size() < t.params) {
            m_hint->setText(tr("The template \"%1\" needs %2 values; you gave %3.")
                                .arg(t.name)
                                .arg(t.params)
                                .arg(values.size()));
            return;
        }
        m_send->setEnabled(false);
        Q_EMIT templateRequested(t.name, t.language, values, !m_keepBot->isChecked());
        return;
    }
    const QString text = m_editor->text().trimmed();
    if (m_summary.conversation.id == 0 || (text.isEmpty() && !m_chip->hasFile()))
        return;
    m_send->setEnabled(false);
    m_editor->setEnabled(false);
    if (m_chip->hasFile() && !m_note->isChecked())
        Q_EMIT fileRequested(m_chip->file(), text, !m_keepBot->isChecked());
    else if (m_note->isChecked())
        Q_EMIT noteRequested(text);
    else
        Q_EMIT sendRequested(text, !m_keepBot->isChecked());
}

void ChatComposer::finished(bool ok, const QString &text)
{
    m_send->setEnabled(true);
    m_editor->setEnabled(true);
    if (ok) {
        m_editor->clear();
        m_values->clear();
        m_chip->clear();
        updateMode();
    } else if (!templateMode()) {
        m_editor->setText(text);
    }
    m_editor->setFocus();
}

} // namespace shopdesk
