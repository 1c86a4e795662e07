#include "ConversationListModel.h"

#include "InboxSource.h"
#include "messaging/PhoneAddress.h"

namespace shopdesk {

ConversationListModel::ConversationListModel(InboxSource &source, QObject *parent)
    : QAbstractListModel(parent)
    , m_source(source)
{
    connect(&m_source, &InboxSource::messagesAppended, this,
            &ConversationListModel::onMessagesAppended);
    connect(&m_source, &InboxSource::conversationChanged, this,
            &ConversationListModel::onConversationChanged);
    // Shared database: the live feed had a gap, or too much changed at once elsewhere.
    connect(&m_source, &InboxSource::resyncNeeded, this, [this](qint64 tenantId) {
        if (m_tenantId > 0 && (tenantId == 0 || tenantId == m_tenantId))
            reload();
    });
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationSummary &s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return s.contactName.isEmpty() ? PhoneAddress::display(s.contactPhone) : s.contactName;
    case Qt::ToolTipRole:
        return PhoneAddress::display(s.contactPhone);
    case ConversationIdRole:
        return s.conversation.id;
    case PhoneRole:
        return s.contactPhone;
    case PreviewRole:
        return s.lastMessagePreview;
    case LastMessageAtRole:
        return s.conversation.lastMessageAt;
    case OwnerRole:
        return toText(s.conversation.owner);
    case OwnerNameRole:
        return s.ownerName;
    case NeedsHumanRole:
        return s.conversation.needsHuman;
    case EscalationReasonRole:
        return s.conversation.escalationReason;
    case NeedsHumanSinceRole:
        return s.conversation.needsHumanSince;
    case OwnerOperatorIdRole:
        return s.conversation.ownerOperatorId;
    case LabelsRole:
        return s.conversation.labels;
    }
    return {};
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ConversationIdRole, "conversationId");
    names.insert(PhoneRole, "phone");
    names.insert(PreviewRole, "preview");
    names.insert(LastMessageAtRole, "lastMessageAt");
    names.insert(OwnerRole, "owner");
    names.insert(NeedsHumanSinceRole, "needsHumanSince");
    names.insert(OwnerOperatorIdRole, "ownerOperatorId");
    names.insert(LabelsRole, "labels");
    names.insert(OwnerNameRole, "ownerName");
    names.insert(NeedsHumanRole, "needsHuman");
    names.insert(EscalationReasonRole, "escalationReason");
    return names;
}

void ConversationListModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    reload();
}

void ConversationListModel::reload()
{
    const qint64 tenantId = m_tenantId;
    // A reload after a store switch drops the old store's answer.
    m_source.summaries(tenantId, this,
                       m_request.latest([this](Result<QList<ConversationSummary>> result) {
                           if (!result) {
                               Q_EMIT loadFailed(result.error());
                               return;
                           }
                           beginResetModel();
                           m_rows = std::move(result).value();
                           endResetModel();
                           Q_EMIT loaded();
                       }));
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).conversation.id == conversationId)
            return i;
    }
    return -1;
}

void ConversationListModel::onMessagesAppended(qint64 tenantId, qint64 conversationId,
                                               const QList<Message> &messages)
{
    if (tenantId != m_tenantId || messages.isEmpty())
        return;
    const int row = rowOf(conversationId);
    if (row < 0) {
        reload(); // a conversation we have not seen yet
        return;
    }
    ConversationSummary &s = m_rows[row];
    // System lines and private notes are not what the customer and the store said.
    for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
        if (it->type != QLatin1String("system") && it->type != QLatin1String("note")) {
            s.lastMessagePreview = it->body;
            break;
        }
    }
    if (messages.last().createdAt > s.conversation.lastMessageAt)
        s.conversation.lastMessageAt = messages.last().createdAt;
    if (row > 0) {
        beginMoveRows({}, row, row, {}, 0);
        m_rows.move(row, 0);
        endMoveRows();
    }
    Q_EMIT dataChanged(index(0), index(0));
}

void ConversationListModel::onConversationChanged(qint64 tenantId, const Conversation &conversation)
{
    if (tenantId != m_tenantId)
        return;
    const int row = rowOf(conversation.id);
    if (row < 0)
        return;
    // The owner's name comes with the summary: reload the list when a person takes over.
    const bool ownerChanged =
        m_rows[row].conversation.ownerOperatorId != conversation.ownerOperatorId;
    m_rows[row].conversation = conversation;
    Q_EMIT dataChanged(index(row), index(row));
    if (ownerChanged)
        reload();
}

} // namespace shopdesk
