#pragma once

#include "core/Result.h"
#include "knowledge/DocumentReader.h"

namespace shopdesk {

class Store;

// Imports files into a store's knowledge, each whole or not at all, and says what happened in
// words a store owner understands. Re-importing a changed file replaces its passages; an
// unchanged one (same bytes, same chunking settings) is left alone.
class DocumentImporter
{
public:
    using Settings = DocumentReader::Settings;

    struct Outcome
    {
        enum class Kind { Imported, Unchanged, Rejected };
        Kind kind = Kind::Rejected;
        QString file;
        qint64 documentId = 0;
        int chunks = 0;
        QString message; // "imported (12 passages)", or why not
    };

    // Reads and stores one file (on the caller's thread: the CLI, tests).
    static Outcome importFile(Store &store, qint64 tenantId, const QString &path,
                              const Settings &settings);
    static Outcome importFile(Store &store, qint64 tenantId, const QString &path)
    {
        return importFile(store, tenantId, path, Settings{});
    }
    // Stores a file already read (the console reads off the database thread).
    static Outcome store(Store &store, qint64 tenantId, const DocumentReader::Read &read);
    static Outcome rejected(const QString &file, const QString &why);
    // The tenant's chunking settings (setting "knowledge.chunking", JSON), over the defaults.
    static Settings settingsFor(Store &store, qint64 tenantId);
    static QString chunkingJson(const TextChunker::Settings &chunking);
    static TextChunker::Settings parseChunking(const QString &json);
};

} // namespace shopdesk
