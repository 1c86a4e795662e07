#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include <stdexcept>

namespace shopdesk {

using SqlParams = QVariantList;
using SqlRow = QVariantList;
using SqlRows = QList<SqlRow>;

// A database failure inside the storage layer. Never leaves it: Store turns it into a Result.
class SqlError : public std::runtime_error
{
public:
    explicit SqlError(const QString &message, bool connectionLost = false)
        : std::runtime_error(message.toStdString())
        , m_connectionLost(connectionLost)
    {}
    bool connectionLost() const { return m_connectionLost; }

private:
    bool m_connectionLost;
};

// One database connection. SQL uses '?' placeholders in both dialects; the PostgreSQL driver
// numbers them. Lives and is used on the thread that created it.
class SqlBackend
{
public:
    enum class Dialect { Sqlite, Postgres };

    virtual ~SqlBackend() = default;
    virtual Dialect dialect() const = 0;
    virtual QString describe() const = 0;

    virtual void exec(const QString &sql, const SqlParams &params = {}) = 0;
    virtual SqlRows query(const QString &sql, const SqlParams &params = {}) = 0;
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual bool inTransaction() const = 0;

    // Statements that must run first inside a migration transaction (locks against other nodes).
    virtual void lockForMigration() {}
};

} // namespace shopdesk
