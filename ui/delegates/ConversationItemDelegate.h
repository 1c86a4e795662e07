#pragma once

#include <QStyledItemDelegate>

namespace shopdesk {

// One inbox row: customer, time, last message, and who answers (bot, a person, needs a human).
class ConversationItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString relativeTime(const QDateTime &when, const QDateTime &now);
};

} // namespace shopdesk
