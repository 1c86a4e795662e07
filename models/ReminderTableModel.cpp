#include "ReminderTableModel.h"

#include "catalog/CatalogService.h"

#include "core/Money.h"
#include "storage/StoreWorker.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace shopdesk {

namespace {

QString stateText(const QString &state)
{
    if (state == QLatin1String("scheduled"))
        return ReminderTableModel::tr("Scheduled");
    if (state == QLatin1String("sent"))
        return ReminderTableModel::tr("Sent");
    if (state == QLatin1String("failed"))
        return ReminderTableModel::tr("Not sent");
    if (state == QLatin1String("cancelled"))
        return ReminderTableModel::tr("Cancelled");
    if (state == QLatin1String("sending"))
        return ReminderTableModel::tr("Sending");
    return state;
}

} // namespace

ReminderTableModel::ReminderTableModel(StoreWorker &worker, CatalogService &catalog,
                                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_catalog(catalog)
{
    connect(&m_worker, &StoreWorker::remindersChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            reload();
    });
}

int ReminderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reminders.size());
}

int ReminderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReminderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Reminder &r = m_reminders.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Customer:
            return r.customerName;
        case Amount:
            return Money::format(r.amountMinor);
        case Due:
            return QLocale().toString(r.dueAt.toLocalTime(), QLocale::ShortFormat);
        case State:
            return stateText(r.state);
        case Note:
            return r.state == QLatin1String("failed") ? r.error : r.body;
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State && r.state == QLatin1String("failed"))
        return QBrush(QColor(0xb0, 0x1e, 0x1e));
    if (role == Qt::TextAlignmentRole && index.column() == Amount)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ReminderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Customer:
        return tr("Customer");
    case Amount:
        return tr("Amount");
    case Due:
        return tr("Due");
    case State:
        return tr("State");
    case Note:
        return tr("Message, or why it was not sent");
    }
    return {};
}

void ReminderTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    beginResetModel();
    m_reminders.clear();
    endResetModel();
    reload();
}

void ReminderTableModel::reload()
{
    const qint64 tenantId = m_tenantId;
    m_request.run(
        m_worker, this, [tenantId](Store &store) { return store.agent().reminders(tenantId); },
        [this](Result<QList<Reminder>> result) {
            if (!result) {
                Q_EMIT loadFailed(result.error());
                return;
            }
            beginResetModel();
            m_reminders = std::move(result).value();
            endResetModel();
        });
}

void ReminderTableModel::cancel(int row)
{
    if (row < 0 || row >= m_reminders.size())
        return;
    const Reminder r = m_reminders.at(row);
    if (r.state != QLatin1String("scheduled")) {
        Q_EMIT changeFailed(tr("Only a scheduled reminder can be cancelled; this one is %1.")
                                .arg(stateText(r.state).toLower()));
        return;
    }
    const qint64 tenantId = m_tenantId;
    m_catalog.cancelReminder(tenantId, m_actor, r.id, this, [this](Result<bool> done) {
        if (!done)
            Q_EMIT changeFailed(tr("The reminder was not cancelled: %1").arg(done.error()));
        else if (!done.value())
            Q_EMIT changeFailed(tr("The reminder was already being sent."));
        reload();
    });
}

} // namespace shopdesk
