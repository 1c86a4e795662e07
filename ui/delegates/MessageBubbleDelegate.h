#pragma once

#include <QHash>
#include <QStyledItemDelegate>

namespace shopdesk {

// Chat bubbles: customer on the left, bot and people on the right, with author, time and
// delivery status. Heights are cached by (message id, bubble width bucket, revision) so that
// appends and resizes stay cheap with thousands of messages.
class MessageBubbleDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static int bubbleWidthFor(int viewWidth); // capped and bucketed
    int cachedHeights() const { return int(m_heights.size()); }
    void clearCache() { m_heights.clear(); }

private:
    struct Layout
    {
        QRect bubble;
        QRect body;
        QRect reading; // a voice note's transcript or a photo's list, under the body
        QRect caption;
    };
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static QString caption(const QModelIndex &index);

    mutable QHash<quint64, int> m_heights;
};

} // namespace shopdesk
