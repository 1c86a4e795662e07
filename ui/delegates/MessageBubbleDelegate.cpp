#include "delegates/MessageBubbleDelegate.h"

#include "MessageListModel.h"

#include <QDateTime>
#include <QPainter>
#include <QTextLayout>

namespace shopdesk {
namespace {

constexpr int kPadding = 8;
constexpr int kMargin = 10;
constexpr int kBucket = 40;

QFont captionFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.82);
    return f;
}

QFont readingFont(const QFont &base)
{
    QFont f = base;
    f.setItalic(true);
    return f;
}

QString statusMark(const QString &status)
{
    if (status == QLatin1String("queued"))
        return QStringLiteral("🕓");
    if (status == QLatin1String("sent"))
        return QStringLiteral("✓");
    if (status == QLatin1String("delivered"))
        return QStringLiteral("✓✓");
    if (status == QLatin1String("read"))
        return QStringLiteral("✓✓ read");
    if (status == QLatin1String("failed"))
        return QObject::tr("not delivered");
    return {};
}

} // namespace

int MessageBubbleDelegate::bubbleWidthFor(int viewWidth)
{
    const int width = std::clamp(int(viewWidth * 0.72), 160, 560);
    return width / kBucket * kBucket;
}

QString MessageBubbleDelegate::caption(const QModelIndex &index)
{
    const QString author = index.data(MessageListModel::AuthorRole).toString();
    const QString type = index.data(MessageListModel::TypeRole).toString();
    QString who;
    if (type == QLatin1String("note"))
        who = QObject::tr("Private note: the customer does not see it");
    else if (author == QLatin1String("bot"))
        who = QObject::tr("Bot");
    else if (author == QLatin1String("human"))
        who = QObject::tr("Team");
    else if (author == QLatin1String("system"))
        who = QObject::tr("System");
    const QString time =
        QLocale().toString(index.data(MessageListModel::CreatedAtRole).toDateTime().toLocalTime(),
                           QStringLiteral("d MMM, HH:mm"));
    QStringList parts;
    if (!who.isEmpty())
        parts << who;
    parts << time;
    const bool internal = type == QLatin1String("note") || type == QLatin1String("system");
    if (!internal &&
        index.data(MessageListModel::DirectionRole).toString() == QLatin1String("out")) {
        const QString mark = statusMark(index.data(MessageListModel::StatusRole).toString());
        if (!mark.isEmpty())
            parts << mark;
    }
    const QString reason = index.data(MessageListModel::FailureReasonRole).toString();
    if (!reason.isEmpty())
        parts << reason;
    return parts.join(QStringLiteral(" · "));
}

MessageBubbleDelegate::Layout MessageBubbleDelegate::layoutFor(const QStyleOptionViewItem &option,
                                                               const QModelIndex &index) const
{
    const int maxBubble = bubbleWidthFor(option.rect.width());
    const QFontMetrics fm(option.font);
    const QFontMetrics cfm(captionFont(option.font));
    const QString body = index.data().toString();
    const QRect textBounds =
        fm.boundingRect(QRect(0, 0, maxBubble - 2 * kPadding, 100000), Qt::TextWordWrap, body);
    const QString reading = index.data(MessageListModel::ReadingRole).toString();
    const QRect readingBounds =
        reading.isEmpty() ? QRect()
                          : QFontMetrics(readingFont(option.font))
                                .boundingRect(QRect(0, 0, maxBubble - 2 * kPadding - 8, 100000),
                                              Qt::TextWordWrap, reading);
    const int readingHeight = reading.isEmpty() ? 0 : readingBounds.height() + 8;
    const QString cap = caption(index);
    const int captionWidth = std::min(cfm.horizontalAdvance(cap), maxBubble - 2 * kPadding);
    const int contentWidth = std::max(
        {textBounds.width(), captionWidth, reading.isEmpty() ? 0 : readingBounds.width() + 8});
    const int bubbleWidth = contentWidth + 2 * kPadding;
    const int bubbleHeight = textBounds.height() + readingHeight + cfm.height() + 2 * kPadding + 4;
    const bool outbound =
        index.data(MessageListModel::DirectionRole).toString() == QLatin1String("out");
    // A system line (who took the chat, who handed it back) sits in the middle.
    const bool centred =
        index.data(MessageListModel::TypeRole).toString() == QLatin1String("system");
    const int left = centred    ? option.rect.center().x() - bubbleWidth / 2
                     : outbound ? option.rect.right() - kMargin - bubbleWidth
                                : option.rect.left() + kMargin;
    Layout l;
    l.bubble = QRect(left, option.rect.top() + 4, bubbleWidth, bubbleHeight);
    l.body = QRect(left + kPadding, l.bubble.top() + kPadding, contentWidth, textBounds.height());
    l.reading = reading.isEmpty() ? QRect()
                                  : QRect(left + kPadding, l.body.bottom() + 6, contentWidth,
                                          readingBounds.height() + 4);
    l.caption = QRect(left + kPadding, (reading.isEmpty() ? l.body : l.reading).bottom() + 4,
                      contentWidth, cfm.height());
    return l;
}

QSize MessageBubbleDelegate::sizeHint(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    const quint64 id = index.data(MessageListModel::MessageIdRole).toULongLong();
    const quint64 revision = index.data(MessageListModel::RevisionRole).toUInt();
    const quint64 bucket = quint64(bubbleWidthFor(option.rect.width()) / kBucket);
    const quint64 key = (id << 24) ^ (bucket << 16) ^ revision;
    auto it = m_heights.constFind(key);
    if (it == m_heights.constEnd())
        it = m_heights.insert(key, layoutFor(option, index).bubble.height() + 8);
    return {option.rect.width(), *it};
}

void MessageBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const Layout l = layoutFor(option, index);
    const QString author = index.data(MessageListModel::AuthorRole).toString();
    const bool failed =
        index.data(MessageListModel::StatusRole).toString() == QLatin1String("failed");
    QColor fill(0xff, 0xff, 0xff);
    if (author == QLatin1String("bot"))
        fill = QColor(0xdc, 0xf8, 0xc6);
    else if (author == QLatin1String("human"))
        fill = QColor(0xd9, 0xe8, 0xfd);
    else if (author == QLatin1String("system"))
        fill = QColor(0xf1, 0xf1, 0xf1);
    const QString type = index.data(MessageListModel::TypeRole).toString();
    if (type == QLatin1String("note"))
        fill = QColor(0xff, 0xf4, 0xc2); // private: the yellow of a sticky note
    else if (type == QLatin1String("system"))
        fill = QColor(0xe4, 0xe7, 0xeb);
    if (failed)
        fill = QColor(0xfd, 0xec, 0xec);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(type == QLatin1String("note") ? QPen(QColor(0xd9, 0xa4, 0x06), 1, Qt::DashLine)
                                                  : QPen(QColor(0, 0, 0, 28)));
    painter->setBrush(fill);
    painter->drawRoundedRect(l.bubble, 8, 8);
    painter->setPen(QColor(0x1f, 0x1f, 0x1f));
    painter->setFont(option.font);
    painter->drawText(l.body, Qt::TextWordWrap, index.data().toString());
    if (!l.reading.isEmpty()) {
        // The transcript or the list, set off by a bar like a quotation.
        painter->fillRect(QRect(l.reading.left(), l.reading.top(), 3, l.reading.height()),
                          QColor(0x4a, 0x90, 0x5c));
        painter->setFont(readingFont(option.font));
        painter->setPen(QColor(0x33, 0x3d, 0x36));
        painter->drawText(l.reading.adjusted(8, 2, 0, 0), Qt::TextWordWrap,
                          index.data(MessageListModel::ReadingRole).toString());
    }
    painter->setFont(captionFont(option.font));
    painter->setPen(failed ? QColor(0xb0, 0x1e, 0x1e) : QColor(0x6b, 0x6b, 0x6b));
    const QFontMetrics cfm(painter->font());
    painter->drawText(l.caption, Qt::AlignRight | Qt::AlignVCenter,
                      cfm.elidedText(caption(index), Qt::ElideRight, l.caption.width()));
    painter->restore();
}

} // namespace shopdesk
