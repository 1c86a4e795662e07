#pragma once

#include "storage/SqlBackend.h"

#include <QHash>

#include <memory>

namespace shopdesk {

// PostgreSQL through libpqxx. Statements are prepared once per connection; '?' placeholders are
// numbered ($1, $2, ...) when a statement is first seen.
class PostgresBackend final : public SqlBackend
{
public:
    explicit PostgresBackend(const QString &connectionString); // throws SqlError
    ~PostgresBackend() override;

    Dialect dialect() const override { return Dialect::Postgres; }
    QString describe() const override;
    void exec(const QString &sql, const SqlParams &params) override;
    SqlRows query(const QString &sql, const SqlParams &params) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    bool inTransaction() const override;
    void lockForMigration() override;

    static QString numberPlaceholders(const QString &sql);

private:
    std::string statementFor(const QString &sql);

    struct Session; // the libpqxx connection and the open transaction, if any
    std::unique_ptr<Session> m_session;
    QHash<QString, std::string> m_statements;
    QString m_where;
};

} // namespace shopdesk
