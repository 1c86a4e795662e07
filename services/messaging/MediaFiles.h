#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

class Store;

// A message's file on this computer. Files live in the data folder under media/<store>/; in
// shared mode (PostgreSQL) they are also kept in the database (MediaStore), so a node or a
// console on another computer writes its own copy the first time it needs one. Runs on the
// database thread.
class MediaFiles
{
public:
    // The file `ref` (a path inside the data folder, or an absolute path) here: as it is when
    // present, otherwise written from the database into dataDir first.
    static Result<QString> localFile(Store &store, const QString &dataDir, qint64 tenantId,
                                     const QString &ref);
    // In shared mode, keeps the file at `path` (known to other computers as `ref`) in the
    // database; on SQLite nothing is needed (one computer).
    static Status share(Store &store, qint64 tenantId, const QString &ref, const QString &path,
                        const QString &mime);
};

} // namespace shopdesk
