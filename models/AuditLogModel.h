#pragma once

#include "domain/AuditEntry.h"

#include <QAbstractTableModel>

namespace shopdesk {

class OperatorService;

// A store's audit log for the audit pane: read-only lines (when, who, what, details), newest
// first, read with the pane's filters as the signed-in person (the engine refuses an agent).
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { When, Who, What, Details, ColumnCount };

    explicit AuditLogModel(OperatorService &operators, QObject *parent = nullptr);

    void load(qint64 tenantId, qint64 actorId, const AuditFilter &filter);
    void clear();
    const AuditEntry &entryAt(int row) const { return m_entries.at(row); }
    // "Took over a chat" for "conversation.takeover"; the action itself when unknown.
    static QString describe(const QString &action);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void loaded(int count);
    void loadFailed(const QString &message);

private:
    OperatorService &m_operators;
    QList<AuditEntry> m_entries;
    quint64 m_request = 0; // answers to older loads are dropped
};

} // namespace shopdesk
