#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace shopdesk {

// What kind of failure a Result carries, for callers that act on it (retry, ask again, say
// "not found") without reading the message.
enum class ErrorKind {
    Failed,         // anything else: the message says what
    NotFound,       // what was asked for is not in this store (or belongs to another)
    Invalid,        // the input was refused: fix it and try again
    ConnectionLost, // the database or a server could not be reached: try again later
    Conflict,       // someone else changed or holds it (a duplicate, a chat another person has)
    Forbidden,      // the operator's role may not do this, or they are not signed in
};

// A value, or an error message written for a store owner with its kind. Services return this
// instead of throwing: library exceptions are caught at the service boundary and become the
// message. Ignoring one is a compile warning: a failed step must be looked at.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    static Result failure(QString message, ErrorKind kind = ErrorKind::Failed)
    {
        return Result(std::move(message), kind);
    }
    // Carries another Result's failure on (its message and kind).
    template<typename U> static Result failure(const Result<U> &failed)
    {
        return Result(failed.error(), failed.errorKind());
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }

private:
    Result(QString message, ErrorKind kind)
        : m_error(std::move(message))
        , m_kind(kind)
    {}
    std::optional<T> m_value;
    QString m_error;
    ErrorKind m_kind = ErrorKind::Failed;
};

// Result of an operation that yields nothing but success or a reason.
struct Done
{
};
using Status = Result<Done>;
inline Status success()
{
    return Status(Done{});
}
// Success or the failure of any Result, dropping its value.
template<typename T> Status statusOf(const Result<T> &r)
{
    return r ? success() : Status::failure(r);
}

} // namespace shopdesk
