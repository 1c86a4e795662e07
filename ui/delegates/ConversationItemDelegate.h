#pragma once

#include <QMap>
#include <QStyledItemDelegate>

namespace shopdesk {

// One inbox row: customer, time, last message, who answers (bot, a person, needs a human), and
// a coloured dot for each of its labels.
class ConversationItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString relativeTime(const QDateTime &when, const QDateTime &now);
    void setLabelColors(const QMap<QString, QString> &colors) { m_labelColors = colors; }

private:
    QMap<QString, QString> m_labelColors;
};

} // namespace shopdesk
