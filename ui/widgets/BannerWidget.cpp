#include "widgets/BannerWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace shopdesk {

BannerWidget::BannerWidget(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss"));
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void BannerWidget::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_text->setText(text);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colors = QStringLiteral("background:#e8f1fb; border:1px solid #b6d0ee; color:#16324f;");
    if (kind == Kind::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        colors = QStringLiteral("background:#fff6e0; border:1px solid #f0d28a; color:#5a3d00;");
    } else if (kind == Kind::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        colors = QStringLiteral("background:#fdecec; border:1px solid #f0b4b4; color:#6b1010;");
    }
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
    setStyleSheet(
        QStringLiteral("QFrame#banner {") + colors +
        QStringLiteral(" border-radius:4px; } QLabel { border:none; background:transparent; }"));
    show();
}

QString BannerWidget::text() const
{
    return isVisible() ? m_text->text() : QString();
}

} // namespace shopdesk
