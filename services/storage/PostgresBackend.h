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
    void scanNumbers(const QString &sql, const SqlParams &params,
                     const std::function<void(const SqlNumbers &)> &visit) override;
    bool inTransaction() const override;
    void lockForMigration() override;

    static QString numberPlaceholders(const QString &sql);
    // The NOTIFY channel, and this connection's tag in what it publishes (to ignore its own).
    static QString changeChannel() { return QStringLiteral("shopdesk_changes"); }
    QString changeTag() const { return m_tag; }
    // The payload for these keys: {"n": tag, "k": [keys]}, under PostgreSQL's 8,000-byte limit
    // (too many keys become per-store wildcards such as "*:3", or "*").
    static QByteArray changePayload(const QString &tag, const QStringList &keys);

protected:
    void beginTransaction() override;
    void commitTransaction() override;
    void rollbackTransaction() override;
    void publish(const QStringList &keys) override;

private:
    std::string statementFor(const QString &sql);
    // Runs the statement and hands its result to `use`, inside the errors' translation.
    template<typename Use> auto run(const QString &sql, const SqlParams &params, Use use);

    struct Session; // the libpqxx connection and the open transaction, if any
    std::unique_ptr<Session> m_session;
    QHash<QString, std::string> m_statements;
    QString m_where;
    QString m_tag;
};

} // namespace shopdesk
