#pragma once

#include "LatestRequest.h"

#include "domain/ExecutionTrace.h"

#include <QAbstractListModel>
#include <QJsonObject>

namespace shopdesk {

class InboxSource;

// What the bot did with each customer message of one conversation, newest first: a one-line
// summary per message ("“2 milk” → place order, 92% · asked which one") and the whole trace,
// as readable text (html()) for the console's panel beside the messages. Follows new traces.
class TraceListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { JsonRole = Qt::UserRole + 1, DecisionRole, MessageIdRole };

    explicit TraceListModel(InboxSource &source, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setConversation(qint64 tenantId, qint64 conversationId);
    void reload();
    QJsonObject traceAt(int row) const;

    static QString summary(const QJsonObject &trace);
    static QString html(const QJsonObject &trace); // the details, for a QTextBrowser

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    InboxSource &m_source;
    qint64 m_tenantId = 0;
    qint64 m_conversationId = 0;
    QList<ExecutionTrace> m_traces;
    QList<QJsonObject> m_json;
    LatestRequest m_request;
};

} // namespace shopdesk
