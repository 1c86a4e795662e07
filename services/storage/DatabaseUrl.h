#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

// Where the store lives: "sqlite:PATH" or "postgresql://user:pass@host:port/db".
class DatabaseUrl
{
public:
    enum class Kind { Sqlite, Postgres };

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqliteFile(const QString &path);
    // The embedded default: shopdesk.sqlite3 inside the data directory.
    static DatabaseUrl defaultFor(const QString &dataDir);

    Kind kind() const { return m_kind; }
    QString sqlitePath() const { return m_path; }
    QString postgresConnectionString() const { return m_text; }
    QString toString() const { return m_text; }
    // The URL with any password replaced by "***": safe for logs and the status bar.
    QString redacted() const;

private:
    Kind m_kind = Kind::Sqlite;
    QString m_text;
    QString m_path;
};

} // namespace shopdesk
