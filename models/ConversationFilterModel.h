#pragma once

#include <QDateTime>
#include <QSet>
#include <QSortFilterProxyModel>

namespace shopdesk {

// The inbox's views over ConversationListModel: the queue of chats waiting for a person
// (longest wait first), the operator's own, the bot's, all open ones and the closed ones;
// narrowed by a label and by a search over names, phone numbers and (matchingIds) the text of
// messages.
class ConversationFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class View { NeedsPerson, Mine, Bot, AllOpen, Closed };
    Q_ENUM(View)

    explicit ConversationFilterModel(QObject *parent = nullptr);

    void setView(View view);
    View view() const { return m_view; }
    void setOperatorId(qint64 operatorId); // "Mine"
    void setLabel(const QString &label);   // empty: any
    // The search text; ids of chats whose messages match it (found by the store) are shown too.
    void setSearch(const QString &text, const QSet<qint64> &matchingIds = {});
    QString search() const { return m_search; }

    // How many chats of the source each view holds (the label and search apply too).
    int count(View view) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool inView(View view, const QModelIndex &index) const;
    bool matches(const QModelIndex &index) const;

    View m_view = View::AllOpen;
    qint64 m_operatorId = 0;
    QString m_label;
    QString m_search;
    QSet<qint64> m_matchingIds;
};

} // namespace shopdesk
