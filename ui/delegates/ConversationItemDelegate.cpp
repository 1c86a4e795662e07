#include "delegates/ConversationItemDelegate.h"

#include "ConversationListModel.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>

namespace shopdesk {
namespace {

struct Badge
{
    QString text;
    QColor background;
    QColor foreground;
};

Badge badgeFor(const QModelIndex &index)
{
    const QString owner = index.data(ConversationListModel::OwnerRole).toString();
    if (index.data(ConversationListModel::NeedsHumanRole).toBool()) {
        // How long the customer has waited for a person, live (the list repaints each half
        // minute).
        const QDateTime since = index.data(ConversationListModel::NeedsHumanSinceRole).toDateTime();
        const qint64 minutes =
            since.isValid()
                ? std::max<qint64>(0, since.secsTo(QDateTime::currentDateTimeUtc()) / 60)
                : -1;
        const QString text = minutes < 0     ? QObject::tr("Needs a person")
                             : minutes < 1   ? QObject::tr("Waiting < 1 min")
                             : minutes < 120 ? QObject::tr("Waiting %1 min").arg(minutes)
                                             : QObject::tr("Waiting %1 h").arg(minutes / 60);
        return {text, QColor(0xff, 0xe3, 0xb3), QColor(0x7a, 0x45, 0x00)};
    }
    if (owner == QLatin1String("human")) {
        const QString name = index.data(ConversationListModel::OwnerNameRole).toString();
        return {name.isEmpty() ? QObject::tr("Store phone") : name.section(QLatin1Char(' '), 0, 0),
                QColor(0xdc, 0xe8, 0xfb), QColor(0x16, 0x3a, 0x7a)};
    }
    if (owner == QLatin1String("closed"))
        return {QObject::tr("Closed"), QColor(0xee, 0xee, 0xee), QColor(0x66, 0x66, 0x66)};
    return {QObject::tr("Bot"), QColor(0xdf, 0xf5, 0xe1), QColor(0x1b, 0x5e, 0x20)};
}

} // namespace

QString ConversationItemDelegate::relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    const qint64 days = local.date().daysTo(now.toLocalTime().date());
    if (days == 0)
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    if (days == 1)
        return QObject::tr("Yesterday");
    if (days < 7)
        return QLocale().dayName(local.date().dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

QSize ConversationItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                         const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return {280, fm.height() * 2 + 22};
}

void ConversationItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text =
        selected ? option.palette.highlightedText().color() : option.palette.text().color();
    const QColor muted = selected ? text : QColor(0x6b, 0x6b, 0x6b);
    const QRect r = option.rect.adjusted(12, 8, -12, -8);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics fm(option.font);
    const QFontMetrics bfm(bold);

    const QString when =
        relativeTime(index.data(ConversationListModel::LastMessageAtRole).toDateTime(),
                     QDateTime::currentDateTime());
    int whenWidth = fm.horizontalAdvance(when);
    painter->setFont(option.font);
    painter->setPen(muted);
    painter->drawText(QRect(r.right() - whenWidth, r.top(), whenWidth, bfm.height()),
                      Qt::AlignRight | Qt::AlignVCenter, when);
    // Labels as dots left of the time, WhatsApp Business style.
    const QStringList labels = index.data(ConversationListModel::LabelsRole).toStringList();
    painter->setRenderHint(QPainter::Antialiasing);
    for (const QString &label : labels.mid(0, 5)) {
        whenWidth += 12;
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(m_labelColors.value(label, QStringLiteral("#5e5c64"))));
        painter->drawEllipse(QRect(r.right() - whenWidth, r.top() + (bfm.height() - 8) / 2, 8, 8));
    }
    painter->setPen(muted);

    painter->setFont(bold);
    painter->setPen(text);
    const QString name =
        bfm.elidedText(index.data().toString(), Qt::ElideRight, r.width() - whenWidth - 8);
    painter->drawText(QRect(r.left(), r.top(), r.width() - whenWidth - 8, bfm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, name);

    const Badge badge = badgeFor(index);
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    const QFontMetrics sfm(small);
    const int badgeWidth = sfm.horizontalAdvance(badge.text) + 12;
    const QRect badgeRect(r.right() - badgeWidth, r.bottom() - sfm.height() - 2, badgeWidth,
                          sfm.height() + 4);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(badge.background);
    painter->drawRoundedRect(badgeRect, 8, 8);
    painter->setFont(small);
    painter->setPen(badge.foreground);
    painter->drawText(badgeRect, Qt::AlignCenter, badge.text);

    painter->setFont(option.font);
    painter->setPen(muted);
    const QRect previewRect(r.left(), r.bottom() - fm.height(), r.width() - badgeWidth - 8,
                            fm.height());
    painter->drawText(
        previewRect, Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(index.data(ConversationListModel::PreviewRole).toString().simplified(),
                      Qt::ElideRight, previewRect.width()));
    painter->restore();
}

} // namespace shopdesk
