#pragma once

#include "domain/KnowledgeDocument.h"

namespace shopdesk {

// Splits a document's text into passages for retrieval. Markdown headings (#, ##, ###) start new
// sections and are carried into each passage as "Title > Section > Subsection"; paragraphs are
// packed up to maxChars; a separator line ends a passage; a paragraph longer than that is cut at
// sentence ends, with overlap.
class TextChunker
{
public:
    struct Settings
    {
        int maxChars = 800;
        int overlap = 100;
        // A line holding only this text (e.g. "---") ends a passage; empty: headings and size
        // alone decide.
        QString separator;
    };

    static QList<KnowledgeChunk> chunk(const QString &title, const QString &text,
                                       const Settings &settings);
    static QList<KnowledgeChunk> chunk(const QString &title, const QString &text)
    {
        return chunk(title, text, Settings{});
    }
};

} // namespace shopdesk
