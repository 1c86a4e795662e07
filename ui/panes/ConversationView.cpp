#include "panes/ConversationView.h"

#include "MessageListModel.h"
#include "delegates/MessageBubbleDelegate.h"
#include "widgets/inbox/ChatComposer.h"
#include "widgets/inbox/ConversationHeader.h"

#include <QLabel>
#include <QListView>
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
    m_header = new ConversationHeader(this);
    layout->addWidget(m_header);

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

    m_composer = new ChatComposer(this);
    layout->addWidget(m_composer);

    connect(m_list, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString ref = index.data(MessageListModel::MediaRefRole).toString();
        if (index.data(MessageListModel::MediaStateRole).toString() == QLatin1String("ready") &&
            !ref.isEmpty())
            Q_EMIT openMediaRequested(ref, index.data(MessageListModel::MediaMimeRole).toString());
    });
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

QLineEdit *ConversationView::composer() const
{
    return m_composer->editor();
}

void ConversationView::showConversation(const ConversationSummary &summary,
                                        const QString &storeName)
{
    const Conversation &c = summary.conversation;
    m_header->showConversation(summary);
    m_composer->showConversation(summary, storeName);
    m_composer->show();
    m_empty->hide();
    m_list->show();
    if (m_conversationId != c.id || m_model.conversationId() != c.id)
        m_model.setConversation(c.tenantId, c.id);
    m_conversationId = c.id;
}

void ConversationView::clear()
{
    m_header->clear();
    m_model.setConversation(0, 0);
    m_list->hide();
    m_composer->hide();
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

} // namespace shopdesk
