#include "widgets/knowledge/ChunkingFields.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace shopdesk {

ChunkingFields::ChunkingFields(QWidget *owner, QFormLayout *form)
    : QObject(owner)
{
    m_maxChars = new QSpinBox(owner);
    m_maxChars->setObjectName(QStringLiteral("chunkMaxChars"));
    m_maxChars->setRange(100, 8000);
    m_maxChars->setSingleStep(100);
    m_maxChars->setSuffix(tr(" characters"));
    m_overlap = new QSpinBox(owner);
    m_overlap->setRange(0, 4000);
    m_overlap->setSingleStep(20);
    m_overlap->setSuffix(tr(" characters"));
    m_separator = new QLineEdit(owner);
    m_separator->setPlaceholderText(tr("none (for example ---)"));
    form->addRow(tr("Longest passage"), m_maxChars);
    form->addRow(tr("Overlap when a paragraph is cut"), m_overlap);
    form->addRow(tr("A line with only this ends a passage"), m_separator);
    set(TextChunker::Settings{});
}

void ChunkingFields::set(const TextChunker::Settings &settings)
{
    m_maxChars->setValue(settings.maxChars);
    m_overlap->setValue(settings.overlap);
    m_separator->setText(settings.separator);
}

TextChunker::Settings ChunkingFields::value() const
{
    return {m_maxChars->value(), m_overlap->value(), m_separator->text().trimmed()};
}

} // namespace shopdesk
