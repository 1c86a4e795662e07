#pragma once

#include <QString>

#include <chrono>

namespace shopdesk {

// Guards a language-model endpoint. It opens after `failuresToOpen` consecutive failures, or at
// once after one reply slower than `slowAfter`; while open, callers take the deterministic path.
// After `coolDown` it lets calls through again (half-open): one success closes it, one failure
// opens it for another cool-down. Time comes from the caller so tests need not wait.
class CircuitBreaker
{
public:
    using Clock = std::chrono::steady_clock;
    using Duration = std::chrono::milliseconds;

    struct Limits
    {
        int failuresToOpen = 3;
        Duration slowAfter{10000};
        Duration coolDown{60000};
    };

    CircuitBreaker() = default;
    explicit CircuitBreaker(Limits limits)
        : m_limits(limits)
    {}

    void setLimits(Limits limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    // Whether a call may go to the model now.
    bool allows(Clock::time_point now = Clock::now()) const;
    // A call that answered in `took`; a slow answer counts as a failure that opens at once.
    void succeeded(Duration took, Clock::time_point now = Clock::now());
    // A call that failed; `slow` when it ran out of time.
    void failed(const QString &reason, bool slow = false, Clock::time_point now = Clock::now());

    bool isOpen(Clock::time_point now = Clock::now()) const { return !allows(now); }
    int consecutiveFailures() const { return m_failures; }
    // Why it is open, in words for the trace and the console ("3 failures in a row: ...").
    const QString &reason() const { return m_reason; }
    // Milliseconds until it lets calls through again (0 when closed).
    qint64 remainingMs(Clock::time_point now = Clock::now()) const;

private:
    void open(const QString &reason, Clock::time_point now);

    Limits m_limits;
    int m_failures = 0;
    bool m_opened = false;
    Clock::time_point m_openUntil{};
    QString m_reason;
};

} // namespace shopdesk
