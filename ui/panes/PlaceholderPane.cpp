#include "panes/PlaceholderPane.h"

#include <QLabel>
#include <QVBoxLayout>

namespace shopdesk {

PlaceholderPane::PlaceholderPane(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 48, 48, 48);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    auto *text = new QLabel(description, this);
    text->setObjectName(QStringLiteral("placeholderText"));
    text->setWordWrap(true);
    text->setMaximumWidth(640);
    text->setStyleSheet(QStringLiteral("color:#444; line-height:140%;"));
    layout->addWidget(heading);
    layout->addSpacing(12);
    layout->addWidget(text);
    layout->addStretch(1);
}

} // namespace shopdesk
