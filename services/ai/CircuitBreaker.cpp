#include "ai/CircuitBreaker.h"

namespace shopdesk {

bool CircuitBreaker::allows(Clock::time_point now) const
{
    return !m_opened || now >= m_openUntil;
}

qint64 CircuitBreaker::remainingMs(Clock::time_point now) const
{
    if (allows(now))
        return 0;
    return std::chrono::duration_cast<Duration>(m_openUntil - now).count();
}

void CircuitBreaker::succeeded(Duration took, Clock::time_point now)
{
    if (took > m_limits.slowAfter) {
        failed(QStringLiteral("the model took %1 s to answer (the limit is %2 s)")
                   .arg(double(took.count()) / 1000.0, 0, 'f', 1)
                   .arg(double(m_limits.slowAfter.count()) / 1000.0, 0, 'f', 0),
               true, now);
        return;
    }
    m_failures = 0;
    m_opened = false;
    m_reason.clear();
}

void CircuitBreaker::failed(const QString &reason, bool slow, Clock::time_point now)
{
    ++m_failures;
    // Half-open (the cool-down has passed) and failing again: back to open at once.
    const bool halfOpen = m_opened && now >= m_openUntil;
    if (slow)
        open(reason, now);
    else if (halfOpen || m_failures >= m_limits.failuresToOpen)
        open(QStringLiteral("%1 failures in a row; the last: %2").arg(m_failures).arg(reason), now);
}

void CircuitBreaker::open(const QString &reason, Clock::time_point now)
{
    m_opened = true;
    m_openUntil = now + m_limits.coolDown;
    m_reason = reason;
}

} // namespace shopdesk
