#include "panes/InboxPane.h"

#include "ChatDesk.h"
#include "ConversationListModel.h"
#include "TraceListModel.h"
#include "delegates/ConversationItemDelegate.h"
#include "panes/ConversationView.h"
#include "widgets/agent/TracePanel.h"
#include "widgets/inbox/ChatComposer.h"
#include "widgets/inbox/ConversationHeader.h"
#include "widgets/inbox/LabelDot.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

namespace shopdesk {

using View = ConversationFilterModel::View;

namespace {

const QList<QPair<View, const char *>> &views()
{
    static const QList<QPair<View, const char *>> list = {
        {View::NeedsPerson, QT_TRANSLATE_NOOP("InboxPane", "Needs a person")},
        {View::Mine, QT_TRANSLATE_NOOP("InboxPane", "Mine")},
        {View::Bot, QT_TRANSLATE_NOOP("InboxPane", "Bot")},
        {View::AllOpen, QT_TRANSLATE_NOOP("InboxPane", "All open")},
        {View::Closed, QT_TRANSLATE_NOOP("InboxPane", "Closed")}};
    return list;
}

} // namespace

InboxPane::InboxPane(ConversationListModel &conversations, MessageListModel &messages,
                     TraceListModel &traces, ChatDesk &desk, QWidget *parent)
    : QWidget(parent)
    , m_conversations(conversations)
    , m_traces(traces)
    , m_service(desk)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("inboxSplitter"));
    layout->addWidget(splitter);

    auto *left = new QWidget(splitter);
    buildList(left);
    m_view = new ConversationView(messages, splitter);
    m_tracePanel = new TracePanel(traces, splitter);
    splitter->addWidget(left);
    splitter->addWidget(m_view);
    splitter->addWidget(m_tracePanel);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({340, 600, 300});
    connectActions();
    setView(View::AllOpen);
    auto *clock = new QTimer(this); // waiting times in the list are live
    clock->setInterval(30000);
    connect(clock, &QTimer::timeout, m_list->viewport(), qOverload<>(&QWidget::update));
    clock->start();
}

void InboxPane::buildList(QWidget *left)
{
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 0, 8);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("conversationSearch"));
    m_search->setPlaceholderText(tr("Search names, numbers and messages"));
    m_search->setClearButtonEnabled(true);
    leftLayout->addWidget(m_search);

    auto *viewRow = new QHBoxLayout;
    viewRow->setSpacing(2);
    m_views = new QButtonGroup(this);
    m_views->setExclusive(true);
    for (const auto &[view, name] : views()) {
        auto *button = new QPushButton(tr(name), left);
        button->setObjectName(QStringLiteral("view%1").arg(int(view)));
        button->setCheckable(true);
        button->setFlat(true);
        button->setStyleSheet(QStringLiteral(
            "QPushButton { padding:3px 6px; border:1px solid #d1d5db; border-radius:10px; }"
            "QPushButton:checked { background:#2f6f4f; color:white; border-color:#2f6f4f; }"));
        m_views->addButton(button, int(view));
        viewRow->addWidget(button);
    }
    viewRow->addStretch(1);
    leftLayout->addLayout(viewRow);
    m_labelFilter = new QComboBox(left);
    m_labelFilter->setObjectName(QStringLiteral("labelFilter"));
    leftLayout->addWidget(m_labelFilter);

    m_proxy = new ConversationFilterModel(this);
    m_proxy->setSourceModel(&m_conversations);
    m_list = new QListView(left);
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setModel(m_proxy);
    m_delegate = new ConversationItemDelegate(m_list);
    m_list->setItemDelegate(m_delegate);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumWidth(300);
    leftLayout->addWidget(m_list);
}

void InboxPane::connectActions()
{
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearch(text); // names at once; message text when the store answers
        m_searchDelay.start();
    });
    connect(&m_searchDelay, &QTimer::timeout, this, &InboxPane::runSearch);
    connect(m_views, &QButtonGroup::idClicked, this, [this](int id) { setView(View(id)); });
    connect(m_labelFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setLabel(m_labelFilter->currentData().toString());
        updateCounts();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InboxPane::onCurrentChanged);
    connect(&m_conversations, &QAbstractItemModel::modelReset, this, [this] {
        updateCounts();
        // Keep the open conversation open across reloads; forget it when the store changes.
        const int row = m_conversations.rowOf(m_openConversation);
        if (row < 0 || m_conversations.tenantId() != m_tenantId) {
            m_openConversation = 0;
            m_view->clear();
            m_traces.setConversation(0, 0);
            return;
        }
        showOpen();
        const QModelIndex at = m_proxy->mapFromSource(m_conversations.index(row));
        if (at.isValid())
            m_list->setCurrentIndex(at);
    });
    connect(&m_conversations, &QAbstractItemModel::dataChanged, this, [this] {
        updateCounts();
        showOpen();
    });
    connect(&m_conversations, &QAbstractItemModel::rowsMoved, this, &InboxPane::updateCounts);

    ConversationHeader *header = m_view->header();
    const auto done = [this](const QString &what) {
        return [this, what](Result<OwnershipChange> r) {
            reportChange(what, r ? QString() : r.error());
        };
    };
    connect(header, &ConversationHeader::takeOverRequested, this, [this, done] {
        if (haveOperator())
            m_service.takeOver(openTenant(), m_openConversation, m_operator.id, this,
                               done(tr("Not taken over")));
    });
    connect(header, &ConversationHeader::handBackRequested, this, [this, done] {
        if (haveOperator())
            m_service.handBack(openTenant(), m_openConversation, m_operator.id, this,
                               done(tr("Not handed back")));
    });
    connect(header, &ConversationHeader::closeRequested, this, [this, done](const QString &reason) {
        if (haveOperator())
            m_service.close(openTenant(), m_openConversation, m_operator.id, reason, this,
                            done(tr("Not closed")));
    });
    connect(header, &ConversationHeader::reopenRequested, this, [this, done] {
        if (haveOperator())
            m_service.reopen(openTenant(), m_openConversation, m_operator.id, this,
                             done(tr("Not reopened")));
    });
    connect(header, &ConversationHeader::assignRequested, this, [this, done](qint64 to) {
        if (haveOperator())
            m_service.assign(openTenant(), m_openConversation, m_operator.id, to, this,
                             done(tr("Not assigned")));
    });
    connect(header, &ConversationHeader::labelToggled, this, [this](const QString &label, bool on) {
        if (!haveOperator())
            return;
        m_service.setLabel(openTenant(), m_openConversation, m_operator.id, label, on, this,
                           [this](Result<Conversation> r) {
                               if (!r)
                                   Q_EMIT message(
                                       tr("The label was not changed: %1").arg(r.error()), true);
                           });
    });

    connectComposer();
}

void InboxPane::connectComposer()
{
    connect(&m_service, &ChatDesk::inboxSettingsChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            loadSettings();
    });
    ChatComposer *composer = m_view->chatComposer();
    connect(composer, &ChatComposer::sendRequested, this,
            [this](const QString &text, bool takeOver) {
                OutboundDraft draft;
                draft.text = text;
                sendAsOperator(draft, takeOver, text);
            });
    connect(composer, &ChatComposer::templateRequested, this,
            [this](const QString &name, const QString &language, const QStringList &values,
                   bool takeOver) {
                OutboundDraft draft;
                draft.templateName = name;
                draft.language = language;
                draft.params = values;
                sendAsOperator(draft, takeOver, {});
            });
    connect(composer, &ChatComposer::fileRequested, this,
            [this](const QString &path, const QString &caption, bool takeOver) {
                OutboundDraft draft;
                draft.caption = caption;
                sendAsOperator(draft, takeOver, caption, path);
            });
    connect(composer, &ChatComposer::noteRequested, this, [this, composer](const QString &text) {
        if (!haveOperator()) {
            composer->finished(false, text);
            return;
        }
        m_service.addNote(openTenant(), m_openConversation, m_operator.id, text, this,
                          [this, composer, text](Result<Message> r) {
                              composer->finished(r.ok(), text);
                              if (!r)
                                  Q_EMIT message(tr("The note was not saved: %1").arg(r.error()),
                                                 true);
                          });
    });
    connect(m_view, &ConversationView::openMediaRequested, this,
            [this](const QString &ref, const QString &) {
                // Received or chosen on another of the store's computers: fetched first.
                m_service.mediaFile(openTenant(), ref, this, [this](Result<QString> path) {
                    if (!path)
                        Q_EMIT message(tr("The file could not be opened: %1").arg(path.error()),
                                       true);
                    else if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path.value())))
                        Q_EMIT message(
                            tr("No program on this computer opens %1.").arg(path.value()), true);
                });
            });
}

void InboxPane::sendAsOperator(OutboundDraft draft, bool takeOver, const QString &typed,
                               const QString &file)
{
    ChatComposer *composer = m_view->chatComposer();
    if (!haveOperator()) {
        composer->finished(false, typed);
        return;
    }
    draft.tenantId = openTenant();
    draft.conversationId = m_openConversation;
    draft.author = Author::Human;
    draft.operatorId = m_operator.id;
    auto done = [this, composer, typed](Result<HumanReply> r) {
        composer->finished(r.ok(), typed);
        if (!r)
            Q_EMIT message(tr("Not sent: %1").arg(r.error()), true);
    };
    if (file.isEmpty())
        m_service.reply(draft, takeOver, this, std::move(done));
    else
        m_service.sendFile(draft, file, takeOver, this, std::move(done));
}

qint64 InboxPane::openTenant() const
{
    return m_tenantId;
}

bool InboxPane::haveOperator()
{
    if (m_operator.id > 0)
        return true;
    Q_EMIT message(tr("Choose who you are first (bottom right: \"Who is using this console?\")."),
                   true);
    Q_EMIT operatorNeeded();
    return false;
}

void InboxPane::reportChange(const QString &what, const QString &error)
{
    if (!error.isEmpty())
        Q_EMIT message(what + QStringLiteral(": ") + error, true);
}

QPushButton *InboxPane::viewButton(View view) const
{
    return qobject_cast<QPushButton *>(m_views->button(int(view)));
}

void InboxPane::setView(View view)
{
    if (auto *button = viewButton(view))
        button->setChecked(true);
    m_proxy->setView(view);
    updateCounts();
}

void InboxPane::updateCounts()
{
    for (const auto &[view, name] : views()) {
        const int n = m_proxy->count(view);
        viewButton(view)->setText(n > 0 ? QStringLiteral("%1 %2").arg(tr(name)).arg(n) : tr(name));
    }
}

void InboxPane::runSearch()
{
    const QString text = m_search->text().trimmed();
    if (text.size() < 2 || m_tenantId == 0)
        return;
    m_service.searchMessages(m_tenantId, text, this, [this, text](Result<QList<qint64>> r) {
        if (m_search->text().trimmed() != text)
            return; // typed on meanwhile
        if (!r) {
            Q_EMIT message(tr("The search did not work: %1").arg(r.error()), true);
            return;
        }
        m_proxy->setSearch(text, QSet<qint64>(r->cbegin(), r->cend()));
        updateCounts();
    });
}

void InboxPane::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    loadSettings();
    m_service.people(tenantId, this, [this, tenantId](Result<QList<Operator>> r) {
        if (tenantId == m_tenantId && r)
            m_view->header()->setOperators(r.value());
    });
}

void InboxPane::loadSettings()
{
    const qint64 tenantId = m_tenantId;
    m_service.inboxSettings(tenantId, this, [this, tenantId](Result<InboxSettings> r) {
        if (tenantId != m_tenantId || !r)
            return;
        m_settings = r.value();
        const QString current = m_labelFilter->currentData().toString();
        m_labelFilter->blockSignals(true);
        m_labelFilter->clear();
        m_labelFilter->addItem(tr("Any label"), QString());
        for (const QString &label : std::as_const(m_settings.labels))
            m_labelFilter->addItem(labelDot(m_settings.colorOf(label)), label, label);
        m_labelFilter->setCurrentIndex(std::max(0, m_labelFilter->findData(current)));
        m_labelFilter->blockSignals(false);
        QMap<QString, QString> colors;
        for (const QString &label : std::as_const(m_settings.labels))
            colors.insert(label, m_settings.colorOf(label));
        m_view->header()->setAvailableLabels(m_settings.labels, colors);
        m_delegate->setLabelColors(colors);
        m_list->viewport()->update();
        m_view->chatComposer()->setQuickReplies(m_settings.quickReplies);
        Q_EMIT settingsLoaded();
    });
}

void InboxPane::setOperator(const Operator &op)
{
    m_operator = op;
    m_proxy->setOperatorId(op.id);
    updateCounts();
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
    QModelIndex at = m_proxy->mapFromSource(m_conversations.index(row));
    if (!at.isValid()) {
        // Not in this view (a closed chat from the orders list, say): show every open one or
        // the closed ones, whichever has it.
        const QString owner =
            m_conversations.index(row).data(ConversationListModel::OwnerRole).toString();
        m_labelFilter->setCurrentIndex(0);
        setView(owner == QLatin1String("closed") ? View::Closed : View::AllOpen);
        at = m_proxy->mapFromSource(m_conversations.index(row));
    }
    m_list->setCurrentIndex(at);
    return true;
}

void InboxPane::onCurrentChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_list->currentIndex());
    if (!current.isValid())
        return;
    const ConversationSummary summary = m_conversations.summaryAt(current.row());
    const bool switched = m_openConversation != summary.conversation.id;
    m_openConversation = summary.conversation.id;
    m_view->showConversation(summary, m_settings.storeName);
    if (switched) {
        const qint64 id = summary.conversation.id;
        m_service.customerBalance(summary.conversation.tenantId, id, this,
                                  [this, id](Result<QString> r) {
                                      if (r)
                                          m_view->chatComposer()->setBalance(id, r.value());
                                  });
        m_service.templates(
            summary.conversation.tenantId, id, this, [this, id](Result<QList<MessageTemplate>> r) {
                if (id == m_openConversation)
                    m_view->chatComposer()->setTemplates(r ? r.value() : QList<MessageTemplate>{});
            });
    }
    m_traces.setConversation(summary.conversation.tenantId, summary.conversation.id);
}

void InboxPane::showOpen()
{
    const int row = m_conversations.rowOf(m_openConversation);
    if (row >= 0)
        m_view->showConversation(m_conversations.summaryAt(row), m_settings.storeName);
}

} // namespace shopdesk
