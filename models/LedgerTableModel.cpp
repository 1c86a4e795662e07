#include "LedgerTableModel.h"

#include "accounts/AccountsService.h"
#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace shopdesk {

LedgerTableModel::LedgerTableModel(StoreWorker &worker, AccountsService &accounts, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_accounts(accounts)
{
    connect(&m_worker, &StoreWorker::customersChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId && m_contactId > 0)
            reload();
    });
}

int LedgerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LedgerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LedgerTableModel::entryText(const LedgerEntry &e)
{
    if (e.reversesId > 0)
        return tr("Correction of #%1").arg(e.reversesId);
    if (e.kind == LedgerEntry::Kind::Credit)
        return e.orderId > 0 ? tr("Credit (order #%1)").arg(e.orderId) : tr("Credit");
    const QString method = LedgerEntry::methodLabel(e.method);
    return method.isEmpty() ? tr("Payment") : tr("Payment (%1)").arg(method);
}

QVariant LedgerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LedgerEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case When:
            return QLocale().toString(e.createdAt.toLocalTime(), QLocale::ShortFormat);
        case Entry:
            return QStringLiteral("#%1  %2").arg(e.id).arg(entryText(e));
        case Amount:
            return QString((e.kind == LedgerEntry::Kind::Credit ? QStringLiteral("+ ")
                                                                : QStringLiteral("\u2212 ")) +
                           Money::format(e.amountMinor));
        case Balance:
            return Money::format(e.balanceAfterMinor);
        case Note:
            return e.reversedById > 0
                       ? tr("%1 (undone by #%2)").arg(e.note).arg(e.reversedById).trimmed()
                       : e.note;
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Amount || index.column() == Balance))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (e.reversedById > 0 || e.reversesId > 0)
            return QBrush(QColor(0x88, 0x88, 0x88));
        if (index.column() == Amount)
            return QBrush(e.kind == LedgerEntry::Kind::Credit ? QColor(0x9a, 0x3b, 0x00)
                                                              : QColor(0x1b, 0x6e, 0x3a));
    }
    if (role == Qt::FontRole && e.reversedById > 0 && index.column() == Amount) {
        QFont struck;
        struck.setStrikeOut(true);
        return struck;
    }
    if (role == EntryIdRole)
        return e.id;
    return {};
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case When:
        return tr("When");
    case Entry:
        return tr("Entry");
    case Amount:
        return tr("Amount");
    case Balance:
        return tr("Balance");
    case Note:
        return tr("Note");
    }
    return {};
}

void LedgerTableModel::setCustomer(qint64 tenantId, qint64 contactId)
{
    m_tenantId = tenantId;
    m_contactId = contactId;
    m_request.invalidate();
    beginResetModel();
    m_entries.clear();
    endResetModel();
    reload();
}

void LedgerTableModel::reload()
{
    if (m_tenantId <= 0 || m_contactId <= 0 || m_actor <= 0) {
        Q_EMIT loaded();
        return;
    }
    m_accounts.book(m_tenantId, m_actor, m_contactId, this,
                    m_request.latest([this](Result<QList<LedgerEntry>> result) {
                        if (!result) {
                            Q_EMIT loadFailed(result.error());
                            return;
                        }
                        beginResetModel();
                        m_entries = std::move(result).value();
                        endResetModel();
                        Q_EMIT loaded();
                    }));
}

} // namespace shopdesk
