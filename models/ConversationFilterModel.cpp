#include "ConversationFilterModel.h"

#include "ConversationListModel.h"

namespace shopdesk {

using Role = ConversationListModel::Role;

ConversationFilterModel::ConversationFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

void ConversationFilterModel::setView(View view)
{
    if (m_view == view)
        return;
    m_view = view;
    invalidate(); // the queue sorts differently
}

void ConversationFilterModel::setOperatorId(qint64 operatorId)
{
    m_operatorId = operatorId;
    invalidateFilter();
}

void ConversationFilterModel::setLabel(const QString &label)
{
    m_label = label;
    invalidateFilter();
}

void ConversationFilterModel::setSearch(const QString &text, const QSet<qint64> &matchingIds)
{
    m_search = text.trimmed();
    m_matchingIds = matchingIds;
    invalidateFilter();
}

int ConversationFilterModel::count(View view) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return 0;
    int n = 0;
    for (int row = 0; row < source->rowCount(); ++row) {
        const QModelIndex index = source->index(row, 0);
        n += inView(view, index) && matches(index) ? 1 : 0;
    }
    return n;
}

bool ConversationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return inView(m_view, index) && matches(index);
}

bool ConversationFilterModel::inView(View view, const QModelIndex &index) const
{
    const QString owner = index.data(Role::OwnerRole).toString();
    const bool closed = owner == QLatin1String("closed");
    switch (view) {
    case View::NeedsPerson:
        return !closed && index.data(Role::NeedsHumanRole).toBool();
    case View::Mine:
        return owner == QLatin1String("human") && m_operatorId > 0 &&
               index.data(Role::OwnerOperatorIdRole).toLongLong() == m_operatorId;
    case View::Bot:
        return owner == QLatin1String("bot") && !index.data(Role::NeedsHumanRole).toBool();
    case View::AllOpen:
        return !closed;
    case View::Closed:
        return closed;
    }
    return false;
}

bool ConversationFilterModel::matches(const QModelIndex &index) const
{
    if (!m_label.isEmpty() && !index.data(Role::LabelsRole).toStringList().contains(m_label))
        return false;
    if (m_search.isEmpty())
        return true;
    if (index.data(Qt::DisplayRole).toString().contains(m_search, Qt::CaseInsensitive) ||
        index.data(Role::PhoneRole).toString().contains(m_search) ||
        index.data(Role::PreviewRole).toString().contains(m_search, Qt::CaseInsensitive))
        return true;
    return m_matchingIds.contains(index.data(Role::ConversationIdRole).toLongLong());
}

bool ConversationFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The queue: the longest wait first. Elsewhere the source's order (newest first).
    if (m_view == View::NeedsPerson) {
        const QDateTime a = left.data(Role::NeedsHumanSinceRole).toDateTime();
        const QDateTime b = right.data(Role::NeedsHumanSinceRole).toDateTime();
        if (a != b)
            return a < b;
    }
    return left.row() < right.row();
}

} // namespace shopdesk
