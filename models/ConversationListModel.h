#pragma once

#include "LatestRequest.h"

#include "domain/Conversation.h"
#include "domain/Message.h"

#include <QAbstractListModel>

namespace shopdesk {

class InboxSource;

// The inbox: one row per conversation of the current store, most recent first. New messages
// update the row and move it to the top; a new conversation reloads the list.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1,
        PhoneRole,
        PreviewRole,
        LastMessageAtRole,
        OwnerRole,     // "bot", "human", "closed"
        OwnerNameRole, // the operator's name when a human owns it
        NeedsHumanRole,
        EscalationReasonRole,
        NeedsHumanSinceRole, // when it started waiting for a person
        OwnerOperatorIdRole,
        LabelsRole, // QStringList
    };

    explicit ConversationListModel(InboxSource &source, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void reload();
    int rowOf(qint64 conversationId) const;
    ConversationSummary summaryAt(int row) const { return m_rows.value(row); }

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    void onMessagesAppended(qint64 tenantId, qint64 conversationId, const QList<Message> &messages);
    void onConversationChanged(qint64 tenantId, const Conversation &conversation);

    InboxSource &m_source;
    qint64 m_tenantId = 0;
    QList<ConversationSummary> m_rows;
    LatestRequest m_request;
};

} // namespace shopdesk
