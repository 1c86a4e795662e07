#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

// The folder that holds the embedded database, downloaded media and logs.
// --data-dir wins, then $SHOPDESK_DATA_DIR, then the user's data folder (~/.local/share/shopdesk).
class DataDirectory
{
public:
    static QString resolve(const QString &fromCommandLine = {});
    static Status ensure(const QString &path); // creates it, or says why it cannot
    // A stable name for the engine that uses this folder (kept in node-id; made on first use).
    static QString nodeId(const QString &path);
};

} // namespace shopdesk
