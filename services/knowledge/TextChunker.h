#pragma once

#include "domain/KnowledgeDocument.h"

namespace shopdesk {

// Splits a document's text into passages for retrieval. Markdown headings (#, ##, ###) start new
// sections and are carried into each passage as "Title > Section > Subsection"; paragraphs are
// packed up to maxChars; a paragraph longer than that is cut at sentence ends, with overlap.
class TextChunker
{
public:
    struct Settings
    {
        int maxChars = 800;
        int overlap = 100;
    };

    static QList<KnowledgeChunk> chunk(const QString &title, const QString &text,
                                       const Settings &settings);
    static QList<KnowledgeChunk> chunk(const QString &title, const QString &text)
    {
        return chunk(title, text, Settings{});
    }
};

} // namespace shopdesk
