#pragma once

#include "core/Result.h"
#include "knowledge/TextChunker.h"

namespace shopdesk {

class Store;

// Imports one file into a store's knowledge, whole or not at all, and says what happened in
// words a store owner understands. Reads plain text, Markdown, web pages and FAQ files (CSV with
// question and answer columns: one passage per pair, kept whole).
class DocumentImporter
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

    struct Outcome
    {
        enum class Kind { Imported, Unchanged, Rejected };
        Kind kind = Kind::Rejected;
        QString file;
        qint64 documentId = 0;
        int chunks = 0;
        QString message; // "imported (12 passages)", or why not
    };

    static Outcome importFile(Store &store, qint64 tenantId, const QString &path,
                              const Settings &settings);
    static Outcome importFile(Store &store, qint64 tenantId, const QString &path)
    {
        return importFile(store, tenantId, path, Settings{});
    }
};

} // namespace shopdesk
