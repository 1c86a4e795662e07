#pragma once

#include "knowledge/TextChunker.h"

#include <QObject>

class QFormLayout;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace shopdesk {

// The three chunking settings as form rows (longest passage, overlap, separator line), shared by
// the import dialog and the knowledge settings.
class ChunkingFields : public QObject
{
    Q_OBJECT
public:
    ChunkingFields(QWidget *owner, QFormLayout *form);
    void set(const TextChunker::Settings &settings);
    TextChunker::Settings value() const;
    QSpinBox *maxChars() const { return m_maxChars; }

private:
    QSpinBox *m_maxChars = nullptr;
    QSpinBox *m_overlap = nullptr;
    QLineEdit *m_separator = nullptr;
};

} // namespace shopdesk
