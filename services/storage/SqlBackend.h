#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <stdexcept>

namespace shopdesk {

using SqlParams = QVariantList;
using SqlRow = QVariantList;
using SqlRows = QList<SqlRow>;

// A database failure inside the storage layer. Never leaves it: Store turns it into a Result
// with the same kind.
class SqlError : public std::runtime_error
{
public:
    explicit SqlError(const QString &message, ErrorKind kind = ErrorKind::Failed)
        : std::runtime_error(message.toStdString())
        , m_kind(kind)
    {}
    ErrorKind kind() const { return m_kind; }
    bool connectionLost() const { return m_kind == ErrorKind::ConnectionLost; }

private:
    ErrorKind m_kind;
};

// A row of whole numbers read straight from the database's own buffers (no QVariant per cell).
class SqlNumbers
{
public:
    virtual ~SqlNumbers() = default;
    virtual bool isNull(int column) const = 0;
    virtual qint64 at(int column) const = 0; // NULL reads as 0
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
    virtual bool inTransaction() const = 0;
    // Streams a result whose columns are all whole numbers to `visit`, row by row, never
    // holding them all: the reports' long scans (hundreds of thousands of rows) cost what the
    // database costs. This default reads through query().
    virtual void scanNumbers(const QString &sql, const SqlParams &params,
                             const std::function<void(const SqlNumbers &)> &visit);

    void begin();
    // Commits, then runs what afterCommit queued; a failed commit drops it (and throws).
    void commit();
    void rollback(); // drops what afterCommit queued
    // Runs f once the open transaction has committed, never if it rolls back; now when none
    // is open. Stores announce changes this way, so nobody hears of a row that never existed.
    void afterCommit(std::function<void()> f);
    // The same, and tells every other node and console on a shared database what changed
    // (`key`, such as "c:<store>:<chat>"): PostgreSQL sends one NOTIFY per committed
    // transaction with the keys (ChangeFeed); SQLite has nobody else to tell.
    void afterCommit(std::function<void()> f, const QString &key);

    // Statements that must run first inside a migration transaction (locks against other nodes).
    virtual void lockForMigration() {}

protected:
    virtual void beginTransaction() = 0;
    virtual void commitTransaction() = 0;
    virtual void rollbackTransaction() = 0;
    // Tells the other nodes about the keys, inside the transaction about to commit (or alone).
    virtual void publish(const QStringList &) {}

private:
    QList<std::function<void()>> m_afterCommit;
    QStringList m_announced;
};

} // namespace shopdesk
