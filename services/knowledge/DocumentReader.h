#pragma once

#include "core/Result.h"
#include "domain/KnowledgeDocument.h"
#include "knowledge/TextChunker.h"

#include <functional>

namespace shopdesk {

// Reads one file into a document and its passages, without touching a store: plain text,
// Markdown, web pages, FAQ files (CSV: one passage per question, kept whole), PDF and Word
// (.docx). Used for the import itself and for the preview before it. Every refusal is a reason
// a store owner understands.
class DocumentReader
{
public:
    struct Settings
    {
        qint64 maxBytes = 15LL * 1024 * 1024;
        TextChunker::Settings chunking;
        // FAQ files (.csv): the header names of the question and answer columns; empty means
        // found by name (question/q/sawal, answer/a/jawab).
        QString questionColumn;
        QString answerColumn;
    };
    // Fraction of the file read so far, in [0, 1]; returning false cancels.
    using Progress = std::function<bool(double fraction)>;

    struct Read
    {
        KnowledgeDocument document; // title, source name, type and content hash
        QList<KnowledgeChunk> chunks;
        bool faq = false;
    };

    static Result<Read> read(const QString &path, const Settings &settings,
                             const Progress &progress = {});
    static QStringList supportedSuffixes();
    // Which columns of an FAQ file's header hold the questions and the answers: the ones named
    // (case-insensitive), or else found by name (question/q/sawal, answer/a/jawab); -1 if none.
    struct FaqColumns
    {
        int question = -1;
        int answer = -1;
    };
    static FaqColumns faqColumns(const QStringList &header, const QString &question = {},
                                 const QString &answer = {});
    // One FAQ pair (row `row`, from 1) as the passage both the importer and the FAQ editor
    // store: headed "<title> > <question>", the question then the answer; or why not ("row 3
    // has no answer").
    static Result<KnowledgeChunk> faqPassage(const QString &title, int row, const QString &question,
                                             const QString &answer, int ordinal);
    // The header of a CSV file, for choosing its question and answer columns.
    static Result<QStringList> csvHeader(const QString &path);
};

} // namespace shopdesk
