#include "widgets/inbox/AttachmentChip.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QStyle>
#include <QToolButton>

namespace shopdesk {

AttachmentChip::AttachmentChip(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("attachmentChip"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#attachmentChip { background:white; border:1px solid #ccc; "
                                 "border-radius:6px; }"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(6, 4, 6, 4);
    m_thumb = new QLabel(this);
    m_thumb->setFixedSize(40, 40);
    m_thumb->setAlignment(Qt::AlignCenter);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("attachmentName"));
    m_remove = new QToolButton(this);
    m_remove->setObjectName(QStringLiteral("removeAttachment"));
    m_remove->setText(QStringLiteral("✕"));
    m_remove->setToolTip(tr("Do not send this file"));
    m_remove->setAutoRaise(true);
    row->addWidget(m_thumb);
    row->addWidget(m_name, 1);
    row->addWidget(m_remove);
    connect(m_remove, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT removed();
    });
    setVisible(false);
}

void AttachmentChip::setFile(const QString &path)
{
    m_path = path;
    const QFileInfo info(path);
    m_name->setText(tr("%1  (%2)").arg(info.fileName(), QLocale().formattedDataSize(info.size())));
    QImageReader reader(path);
    reader.setScaledSize(QSize(40, 40));
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid())
        reader.setScaledSize(full.scaled(40, 40, Qt::KeepAspectRatio));
    const QImage image = reader.canRead() ? reader.read() : QImage();
    if (!image.isNull())
        m_thumb->setPixmap(QPixmap::fromImage(image));
    else
        m_thumb->setPixmap(style()->standardIcon(QStyle::SP_FileIcon).pixmap(32, 32));
    setVisible(true);
}

void AttachmentChip::clear()
{
    m_path.clear();
    m_thumb->clear();
    m_name->clear();
    setVisible(false);
}

} // namespace shopdesk
