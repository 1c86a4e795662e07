#include "TenantListModel.h"

#include "storage/StoreWorker.h"

namespace shopdesk {

TenantListModel::TenantListModel(StoreWorker &worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    connect(&m_worker, &StoreWorker::tenantsChanged, this, &TenantListModel::reload);
}

int TenantListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tenants.size());
}

QVariant TenantListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Tenant &t = m_tenants.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return t.name;
    case Qt::ToolTipRole:
        return tr("Store id: %1").arg(t.slug);
    case IdRole:
        return t.id;
    case SlugRole:
        return t.slug;
    }
    return {};
}

QHash<int, QByteArray> TenantListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "tenantId");
    names.insert(SlugRole, "slug");
    return names;
}

void TenantListModel::reload()
{
    m_request.run(
        m_worker, this, [](Store &store) { return store.tenants().tenants(); },
        [this](Result<QList<Tenant>> result) {
            if (!result) {
                Q_EMIT loadFailed(result.error());
                return;
            }
            beginResetModel();
            m_tenants = std::move(result).value();
            endResetModel();
            Q_EMIT loaded();
        });
}

int TenantListModel::rowOfSlug(const QString &slug) const
{
    for (int i = 0; i < m_tenants.size(); ++i) {
        if (m_tenants.at(i).slug == slug)
            return i;
    }
    return -1;
}

int TenantListModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_tenants.size(); ++i) {
        if (m_tenants.at(i).id == id)
            return i;
    }
    return -1;
}

} // namespace shopdesk
