#pragma once

#include "LatestRequest.h"

#include "domain/Tenant.h"

#include <QAbstractListModel>

namespace shopdesk {

class StoreWorker;

// The stores of this install, for the store switcher.
class TenantListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, SlugRole };

    explicit TenantListModel(StoreWorker &worker, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void reload();
    int rowOfSlug(const QString &slug) const;
    int rowOfId(qint64 id) const;
    Tenant tenantAt(int row) const { return m_tenants.value(row); }

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    StoreWorker &m_worker;
    QList<Tenant> m_tenants;
    LatestRequest m_request;
};

} // namespace shopdesk
