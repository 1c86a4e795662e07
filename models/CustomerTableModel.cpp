#include "CustomerTableModel.h"

#include "accounts/AccountsService.h"
#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace shopdesk {

CustomerTableModel::CustomerTableModel(StoreWorker &worker, AccountsService &accounts,
                                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_accounts(accounts)
{
    const auto mine = [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            reload();
    };
    connect(&m_worker, &StoreWorker::customersChanged, this, mine);
    connect(&m_worker, &StoreWorker::ordersChanged, this, mine);
}

void CustomerTableModel::setActor(qint64 operatorId)
{
    if (operatorId == m_actor)
        return;
    m_actor = operatorId;
    reload();
}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_customers.size());
}

int CustomerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Customer &c = m_customers.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return c.displayName();
        case Nickname:
            return c.profile.nickname;
        case Landmark:
            return c.profile.landmark;
        case Phone:
            return c.walkIn ? tr("Walk-in (no WhatsApp)") : QStringLiteral("+") + c.phone;
        case Labels:
            return c.profile.labels.join(QStringLiteral(", "));
        case Balance:
            return c.balanceMinor == 0 ? QString() : Money::format(c.balanceMinor);
        case LastOrder:
            return c.lastOrderId == 0
                       ? QString()
                       : tr("#%1, %2 (%3)")
                             .arg(c.lastOrderId)
                             .arg(Money::format(c.lastOrderTotalMinor),
                                  QLocale().toString(c.lastOrderAt.toLocalTime().date(),
                                                     QLocale::ShortFormat));
        case Messages:
            return c.optedOut ? tr("Said STOP") : (c.walkIn ? QString() : tr("Yes"));
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Balance:
            return c.balanceMinor;
        case LastOrder:
            return c.lastOrderAt;
        case Name:
            return c.displayName().toLower();
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Balance)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (index.column() == Balance && c.balanceMinor > 0)
            return QBrush(QColor(0x9a, 0x3b, 0x00));
        if (index.column() == Messages && c.optedOut)
            return QBrush(QColor(0x88, 0x88, 0x88));
    }
    if (role == Qt::ToolTipRole && !c.profile.notes.isEmpty())
        return c.profile.notes;
    if (role == ContactIdRole)
        return c.contactId;
    return {};
}

QVariant CustomerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Nickname:
        return tr("Nickname");
    case Landmark:
        return tr("Address / landmark");
    case Phone:
        return tr("WhatsApp");
    case Labels:
        return tr("Labels");
    case Balance:
        return tr("Owes");
    case LastOrder:
        return tr("Last order");
    case Messages:
        return tr("Messages");
    }
    return {};
}

void CustomerTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    m_request.invalidate();
    beginResetModel();
    m_customers.clear();
    endResetModel();
    reload();
}

void CustomerTableModel::setSearch(const QString &words)
{
    if (words.simplified() == m_search)
        return;
    m_search = words.simplified();
    reload();
}

int CustomerTableModel::rowOfCustomer(qint64 contactId) const
{
    for (int i = 0; i < m_customers.size(); ++i)
        if (m_customers.at(i).contactId == contactId)
            return i;
    return -1;
}

void CustomerTableModel::reload()
{
    if (m_tenantId <= 0 || m_actor <= 0)
        return;
    m_accounts.customers(m_tenantId, m_actor, m_search, this,
                         m_request.latest([this](Result<QList<Customer>> result) {
                             if (!result) {
                                 Q_EMIT loadFailed(result.error());
                                 return;
                             }
                             beginResetModel();
                             m_customers = std::move(result).value();
                             endResetModel();
                             Q_EMIT loaded();
                         }));
}

} // namespace shopdesk
