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

    // Opens a transaction. Inside a commit group (below) at a job's level, a savepoint instead:
    // the job's transaction commits or rolls back alone, while what it queued for afterCommit
    // waits for the group's commit.
    void begin();
    // Commits, then runs what afterCommit queued; a failed commit drops it (and throws).
    void commit();
    void rollback(); // drops what afterCommit queued
    // A transaction open that a job's own transaction joins (false at a commit group's job
    // level, where the job's transaction is its own savepoint).
    bool joinsTransaction() const;

    // Commit groups: the database thread runs the jobs queued together in one transaction, each
    // job in a savepoint, so a burst of small writes costs one commit (on PostgreSQL, one round
    // trip and one flush to disk) instead of one each. beginGroup() opens the transaction,
    // commit() or rollback() ends it.
    void beginGroup();
    void beginGroupMember(); // a savepoint around one job
    // Keeps the job's work (releases its savepoint) or, when the job failed or one of its
    // statements failed outside a transaction of its own (which on PostgreSQL spoils the rest
    // of the transaction), rolls the job back alone: a job in a group is all or nothing.
    // Returns whether it was kept; throws SqlError when the connection is lost.
    bool endGroupMember(bool succeeded);
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
    // Backends count each statement that fails inside a transaction: on PostgreSQL it leaves
    // the transaction unusable until a savepoint rolls back past it.
    void noteFailedStatement() { ++m_failedStatements; }

private:
    struct Savepoint
    {
        qsizetype afterCommit = 0; // what was queued when it was set
        qsizetype announced = 0;
        qint64 failedStatements = 0;
    };
    void setSavepoint();
    void releaseSavepoint();
    void rollBackToSavepoint();

    QList<std::function<void()>> m_afterCommit;
    QStringList m_announced;
    bool m_group = false;
    QList<Savepoint> m_savepoints; // in a group: the job's, then its own transaction's
    qint64 m_failedStatements = 0;
};

} // namespace shopdesk
