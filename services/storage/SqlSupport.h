#pragma once

#include "core/Result.h"
#include "storage/SqlBackend.h"

#include <QDateTime>
#include <QVariant>

#include <utility>

namespace shopdesk::sql {

inline QVariant ms(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant();
}
inline QDateTime time(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}
inline QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}
inline qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// "(row), (row), ..." for a VALUES list of `count` rows, each written as `row` (its
// placeholders with CASTs, so PostgreSQL knows their types).
inline QString valuesRows(qsizetype count, const QString &row)
{
    QString out;
    out.reserve(count * (row.size() + 2));
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            out += QStringLiteral(", ");
        out += row;
    }
    return out;
}

// Something the caller asked for is not in this store (or belongs to another one).
class NotFound : public SqlError
{
public:
    explicit NotFound(const QString &message)
        : SqlError(message, ErrorKind::NotFound)
    {}
};

// The input was refused (a value out of range, a name already taken by the rules).
class Invalid : public SqlError
{
public:
    explicit Invalid(const QString &message)
        : SqlError(message, ErrorKind::Invalid)
    {}
};

// Inside a transaction: a failed step throws, so the transaction rolls back with its message
// and kind.
template<typename T> T need(Result<T> r)
{
    if (!r)
        throw SqlError(r.error(), r.errorKind());
    return std::move(r).value();
}

// Runs f inside one transaction (or inside the caller's, when one is already open).
template<typename F> auto transaction(SqlBackend &db, F &&f) -> decltype(f())
{
    if (db.joinsTransaction())
        return f();
    db.begin();
    try {
        if constexpr (std::is_void_v<decltype(f())>) {
            f();
            db.commit();
        } else {
            auto result = f();
            db.commit();
            return result;
        }
    } catch (...) {
        db.rollback();
        throw;
    }
}

// The service boundary: a database failure becomes a Result carrying its message.
template<typename F> auto guard(F &&f) -> Result<decltype(f())>
{
    using T = decltype(f());
    try {
        return Result<T>(f());
    } catch (const SqlError &e) {
        return Result<T>::failure(QString::fromUtf8(e.what()), e.kind());
    } catch (const std::exception &e) {
        return Result<T>::failure(QString::fromUtf8(e.what()));
    }
}

// Runs f, which returns a Result, in one transaction (or the caller's): a failed Result or an
// exception rolls it back, and the failure comes back with its kind; store signals queued
// inside are sent only after the outermost commit.
template<typename F> auto transact(SqlBackend &db, F &&f) -> decltype(f())
{
    using R = decltype(f());
    struct Rollback
    {
        R failed;
    };
    try {
        return transaction(db, [&]() -> R {
            R r = f();
            if (!r)
                throw Rollback{std::move(r)};
            return r;
        });
    } catch (Rollback &rolledBack) {
        if (db.joinsTransaction())
            throw SqlError(rolledBack.failed.error(), rolledBack.failed.errorKind());
        return std::move(rolledBack.failed);
    } catch (const SqlError &e) {
        if (db.joinsTransaction())
            throw;
        return R::failure(QString::fromUtf8(e.what()), e.kind());
    } catch (const std::exception &e) {
        if (db.joinsTransaction())
            throw;
        return R::failure(QString::fromUtf8(e.what()));
    }
}

} // namespace shopdesk::sql
