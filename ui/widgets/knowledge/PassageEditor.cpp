#include "widgets/knowledge/PassageEditor.h"

#include "knowledge/KnowledgeEditService.h"

#include "storage/Store.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace shopdesk {

namespace {
constexpr int kChunkIdRole = Qt::UserRole;
constexpr int kEnabledRole = Qt::UserRole + 1;
constexpr int kTextRole = Qt::UserRole + 2;
constexpr int kHeadingRole = Qt::UserRole + 3;
} // namespace

PassageEditor::PassageEditor(KnowledgeEditService &edits, QWidget *parent)
    : QWidget(parent)
    , m_edits(edits)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_list = new QListWidget(splitter);
    m_list->setObjectName(QStringLiteral("passageList"));
    m_list->setWordWrap(true);
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    m_heading = new QLabel(tr("Choose a document to see its passages."), right);
    m_heading->setWordWrap(true);
    m_heading->setStyleSheet(QStringLiteral("font-weight:600;"));
    m_text = new QPlainTextEdit(right);
    m_text->setObjectName(QStringLiteral("passageText"));
    m_enabled = new QCheckBox(tr("The bot may use this passage"), right);
    m_enabled->setObjectName(QStringLiteral("passageEnabled"));
    m_save = new QPushButton(tr("Save passage"), right);
    m_save->setObjectName(QStringLiteral("savePassage"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_enabled);
    row->addStretch(1);
    row->addWidget(m_save);
    rightLayout->addWidget(m_heading);
    rightLayout->addWidget(m_text, 1);
    rightLayout->addLayout(row);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter);
    right->setEnabled(false);

    connect(m_list, &QListWidget::currentRowChanged, this, &PassageEditor::showPassage);
    connect(m_save, &QPushButton::clicked, this, &PassageEditor::save);
}

void PassageEditor::showDocument(qint64 tenantId, qint64 documentId)
{
    m_tenantId = tenantId;
    m_documentId = documentId;
    reload();
}

void PassageEditor::reload()
{
    const qint64 tenantId = m_tenantId;
    const qint64 documentId = m_documentId;
    const int keep = m_list->currentRow();
    m_edits.passages(tenantId, documentId, this,
                     m_request.latest([this, keep](Result<QList<KnowledgeChunk>> chunks) {
                         m_list->clear();
                         if (!chunks) {
                             Q_EMIT message(chunks.error(), true);
                             return;
                         }
                         for (const KnowledgeChunk &c : std::as_const(chunks.value())) {
                             auto *item = new QListWidgetItem(
                                 QStringLiteral("%1%2\n%3")
                                     .arg(c.enabled ? QString() : tr("[off] "),
                                          c.edited ? tr("[edited] ") : QString(),
                                          c.text.simplified().left(140)));
                             item->setData(kChunkIdRole, c.id);
                             item->setData(kEnabledRole, c.enabled);
                             item->setData(kTextRole, c.text);
                             item->setData(kHeadingRole, c.heading);
                             if (!c.enabled)
                                 item->setForeground(QColor(0x99, 0x99, 0x99));
                             item->setToolTip(c.heading);
                             m_list->addItem(item);
                         }
                         m_list->setCurrentRow(std::clamp(keep, 0, m_list->count() - 1));
                         Q_EMIT loaded();
                     }));
}

void PassageEditor::showPassage(int row)
{
    QListWidgetItem *item = m_list->item(row);
    m_text->parentWidget()->setEnabled(item != nullptr);
    if (!item) {
        m_text->clear();
        return;
    }
    m_heading->setText(item->data(kHeadingRole).toString());
    m_text->setPlainText(item->data(kTextRole).toString());
    m_enabled->setChecked(item->data(kEnabledRole).toBool());
}

void PassageEditor::save()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const qint64 tenantId = m_tenantId;
    const qint64 chunkId = item->data(kChunkIdRole).toLongLong();
    const QString text = m_text->toPlainText();
    const bool enabled = m_enabled->isChecked();
    m_edits.updatePassage(tenantId, m_actor, chunkId, text, enabled, this, [this](Status saved) {
        if (!saved) {
            Q_EMIT message(saved.error(), true);
            return;
        }
        Q_EMIT message(tr("Passage saved; the bot uses the new version from now on."), false);
        reload();
        Q_EMIT this->saved();
    });
}

} // namespace shopdesk
