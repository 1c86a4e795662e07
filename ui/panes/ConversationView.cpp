#include "panes/ConversationView.h"

#include "MessageListModel.h"
#include "delegates/MessageBubbleDelegate.h"
#include "messaging/PhoneAddress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace shopdesk {

ConversationView::ConversationView(MessageListModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("conversationHeader"));
    header->setStyleSheet(QStringLiteral(
        "#conversationHeader { background:#f6f6f6; border-bottom:1px solid #ddd; }"));
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(16, 10, 16, 10);
    m_title = new QLabel(header);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_subtitle = new QLabel(header);
    m_subtitle->setObjectName(QStringLiteral("conversationState"));
    m_subtitle->setStyleSheet(QStringLiteral("color:#555;"));
    m_subtitle->setWordWrap(true);
    headerLayout->addWidget(m_title);
    headerLayout->addWidget(m_subtitle);
    layout->addWidget(header);

    m_empty = new QLabel(tr("Choose a conversation on the left to read it."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color:#777;"));
    layout->addWidget(m_empty, 1);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("messageList"));
    m_list->setModel(&m_model);
    m_delegate = new MessageBubbleDelegate(m_list);
    m_list->setItemDelegate(m_delegate);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setWordWrap(true);
    m_list->setStyleSheet(QStringLiteral("QListView { background:#efeae2; border:none; }"));
    layout->addWidget(m_list, 1);

    m_composerBar = new QWidget(this);
    m_composerBar->setObjectName(QStringLiteral("composerBar"));
    m_composerBar->setStyleSheet(
        QStringLiteral("#composerBar { background:#f6f6f6; border-top:1px solid #ddd; }"));
    auto *composerLayout = new QVBoxLayout(m_composerBar);
    composerLayout->setContentsMargins(12, 8, 12, 8);
    auto *row = new QHBoxLayout;
    m_composer = new QLineEdit(m_composerBar);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setPlaceholderText(tr("Write to the customer as yourself…"));
    m_composer->setMaxLength(4096);
    m_send = new QPushButton(tr("Send"), m_composerBar);
    m_send->setObjectName(QStringLiteral("sendButton"));
    row->addWidget(m_composer, 1);
    row->addWidget(m_send);
    composerLayout->addLayout(row);
    m_composerNote = new QLabel(m_composerBar);
    m_composerNote->setObjectName(QStringLiteral("composerNote"));
    m_composerNote->setWordWrap(true);
    m_composerNote->setStyleSheet(QStringLiteral("color:#666;"));
    composerLayout->addWidget(m_composerNote);
    layout->addWidget(m_composerBar);
    connect(m_send, &QPushButton::clicked, this, &ConversationView::submit);
    connect(m_composer, &QLineEdit::returnPressed, this, &ConversationView::submit);

    QScrollBar *bar = m_list->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        m_atBottom = value >= bar->maximum() - 4;
        maybeFetchOlder(value);
    });
    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_list->scrollToBottom();
        m_atBottom = true;
    });
    connect(&m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this, bar](const QModelIndex &, int first) {
                m_insertingAtTop = first == 0 && m_model.rowCount() > 0;
                m_maxBeforeInsert = bar->maximum();
            });
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, [this, bar] {
        if (m_insertingAtTop) {
            // Older messages above: keep the ones being read where they are.
            QMetaObject::invokeMethod(
                this,
                [this, bar, before = m_maxBeforeInsert, value = bar->value()] {
                    bar->setValue(value + bar->maximum() - before);
                },
                Qt::QueuedConnection);
        } else {
            keepBottomIfAtBottom();
        }
    });
    clear();
}

QString ConversationView::windowText(const Conversation &c, const QDateTime &now)
{
    const QDateTime closes = c.windowClosesAt();
    if (!closes.isValid())
        return tr("The customer has not written yet: only approved templates can be sent.");
    const qint64 seconds = now.secsTo(closes);
    if (seconds <= 0)
        return tr("24-hour window closed: only approved templates can be sent.");
    return tr("24-hour window open for %1 h %2 min.")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60);
}

void ConversationView::showConversation(const ConversationSummary &summary)
{
    const Conversation &c = summary.conversation;
    const QString phone = PhoneAddress::display(summary.contactPhone);
    m_title->setText(summary.contactName.isEmpty()
                         ? phone
                         : summary.contactName + QStringLiteral("  ·  ") + phone);
    QString owner;
    switch (c.owner) {
    case OwnerKind::Bot:
        owner = tr("The bot is answering.");
        break;
    case OwnerKind::Human:
        owner = tr("%1 is answering; the bot is silent.").arg(summary.ownerName);
        break;
    case OwnerKind::Closed:
        owner = tr("Closed.");
        break;
    }
    if (c.needsHuman)
        owner += QLatin1Char(' ') + tr("Needs a human: %1.").arg(c.escalationReason);
    m_subtitle->setText(owner + QLatin1Char(' ') + windowText(c, QDateTime::currentDateTimeUtc()));
    const bool windowOpen =
        c.windowClosesAt().isValid() && c.windowClosesAt() > QDateTime::currentDateTimeUtc();
    const bool switched = m_conversationId != c.id;
    m_tenantId = c.tenantId;
    m_conversationId = c.id;
    if (switched)
        m_composer->clear();
    m_composerBar->show();
    m_composerNote->setText(
        c.channelId <= 0
            ? tr("This conversation is not connected to a WhatsApp number.")
            : (windowOpen ? tr("Messages you send here go to the customer on WhatsApp.")
                          : tr("More than 24 hours since the customer wrote: WhatsApp only "
                               "delivers approved templates now.")));
    m_empty->hide();
    m_list->show();
    m_model.setConversation(c.tenantId, c.id);
}

void ConversationView::clear()
{
    m_title->setText(tr("Inbox"));
    m_subtitle->setText(tr("Messages from your customers on WhatsApp."));
    m_model.setConversation(0, 0);
    m_list->hide();
    m_composerBar->hide();
    m_tenantId = 0;
    m_conversationId = 0;
    m_empty->show();
}

void ConversationView::keepBottomIfAtBottom()
{
    if (m_atBottom)
        m_list->scrollToBottom();
}

void ConversationView::maybeFetchOlder(int scrollValue)
{
    if (scrollValue == m_list->verticalScrollBar()->minimum() && m_model.canFetchMore({}))
        m_model.fetchMore({});
}

void ConversationView::submit()
{
    const QString text = m_composer->text().trimmed();
    if (text.isEmpty() || m_conversationId == 0)
        return;
    m_send->setEnabled(false);
    m_composer->setEnabled(false);
    Q_EMIT sendRequested(m_tenantId, m_conversationId, text);
}

void ConversationView::sendFinished(bool ok, const QString &text)
{
    m_send->setEnabled(true);
    m_composer->setEnabled(true);
    if (ok) {
        m_composer->clear();
    } else {
        m_composer->setText(text);
    }
    m_composer->setFocus();
}

} // namespace shopdesk
