#pragma once

#include "storage/SqlBackend.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

struct sqlite3;

namespace shopdesk {

// SQLite through Qt Sql: WAL journal, foreign keys on, a busy timeout for concurrent writers.
class SqliteBackend final : public SqlBackend
{
public:
    explicit SqliteBackend(const QString &path); // throws SqlError
    ~SqliteBackend() override;

    Dialect dialect() const override { return Dialect::Sqlite; }
    QString describe() const override;
    void exec(const QString &sql, const SqlParams &params) override;
    SqlRows query(const QString &sql, const SqlParams &params) override;
    void scanNumbers(const QString &sql, const SqlParams &params,
                     const std::function<void(const SqlNumbers &)> &visit) override;
    bool inTransaction() const override { return m_inTransaction; }

protected:
    void beginTransaction() override;
    void commitTransaction() override;
    void rollbackTransaction() override;

private:
    QSqlQuery &prepared(const QString &sql);
    QSqlQuery &run(const QString &sql, const SqlParams &params);
    [[noreturn]] void fail(const QString &reason) const;

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    ::sqlite3 *m_raw = nullptr; // the same connection, for scanNumbers
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    bool m_inTransaction = false;
};

} // namespace shopdesk
