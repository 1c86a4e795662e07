#include "panes/InboxPane.h"

#include "ConversationListModel.h"
#include "TraceListModel.h"
#include "delegates/ConversationItemDelegate.h"
#include "panes/ConversationView.h"
#include "widgets/agent/TracePanel.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QVBoxLayout>

namespace shopdesk {

InboxPane::InboxPane(ConversationListModel &conversations, MessageListModel &messages,
                     TraceListModel &traces, QWidget *parent)
    : QWidget(parent)
    , m_conversations(conversations)
    , m_traces(traces)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("inboxSplitter"));
    layout->addWidget(splitter);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 0, 8);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("conversationSearch"));
    m_search->setPlaceholderText(tr("Search customers"));
    m_search->setClearButtonEnabled(true);
    leftLayout->addWidget(m_search);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_conversations);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list = new QListView(left);
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new ConversationItemDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setMinimumWidth(280);
    leftLayout->addWidget(m_list);

    m_view = new ConversationView(messages, splitter);
    m_tracePanel = new TracePanel(traces, splitter);
    splitter->addWidget(left);
    splitter->addWidget(m_view);
    splitter->addWidget(m_tracePanel);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({320, 600, 300});

    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InboxPane::onCurrentChanged);
    connect(&m_conversations, &QAbstractItemModel::modelReset, this, [this] {
        // Keep the open conversation open across reloads; forget it when the store changes.
        const int row = m_conversations.rowOf(m_openConversation);
        if (row < 0) {
            m_openConversation = 0;
            m_view->clear();
            m_traces.setConversation(0, 0);
            return;
        }
        m_list->setCurrentIndex(m_proxy->mapFromSource(m_conversations.index(row)));
    });
    connect(&m_conversations, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from) {
                const auto summary = m_conversations.summaryAt(from.row());
                if (summary.conversation.id == m_openConversation)
                    m_view->showConversation(summary);
            });
}

void InboxPane::openRow(int proxyRow)
{
    m_list->setCurrentIndex(m_proxy->index(proxyRow, 0));
}

bool InboxPane::openConversation(qint64 conversationId)
{
    const int row = m_conversations.rowOf(conversationId);
    if (row < 0)
        return false;
    m_search->clear();
    m_list->setCurrentIndex(m_proxy->mapFromSource(m_conversations.index(row)));
    return true;
}

void InboxPane::onCurrentChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_list->currentIndex());
    if (!current.isValid())
        return;
    const ConversationSummary summary = m_conversations.summaryAt(current.row());
    m_openConversation = summary.conversation.id;
    m_view->showConversation(summary);
    m_traces.setConversation(summary.conversation.tenantId, summary.conversation.id);
}

} // namespace shopdesk
