#pragma once

#include "storage/SqlBackend.h"

#include <QList>
#include <QString>

namespace shopdesk {

struct Migration
{
    int version = 0;
    QString name;
    QString sql;              // rendered for the backend's dialect
    bool dialectOnly = false; // written for this dialect alone (NNN_name.sqlite.sql, …)
};

struct SchemaStatus
{
    int currentVersion = 0;
    int latestVersion = 0;
    QList<Migration> pending;
};

// Applies the numbered migrations shipped in :/migrations, each in its own transaction.
class Migrator
{
public:
    explicit Migrator(SqlBackend &db);

    static QList<Migration> available(SqlBackend::Dialect dialect);
    static QString render(const QString &sql, SqlBackend::Dialect dialect);
    static QStringList statements(const QString &sql);

    SchemaStatus status();      // throws SqlError
    QList<Migration> migrate(); // returns what was applied; throws SqlError

private:
    void ensureVersionTable();
    int currentVersion();
    void followUp(int version);

    SqlBackend &m_db;
};

} // namespace shopdesk
