#include "messaging/TokenBucket.h"

#include <algorithm>
#include <cmath>

namespace shopdesk {

TokenBucket::TokenBucket(double rate)
    : m_rate(rate)
    , m_tokens(rate)
{
    m_clock.start();
}

void TokenBucket::setRate(double rate)
{
    m_rate = rate;
    m_tokens = std::min(m_tokens, rate);
}

void TokenBucket::refill()
{
    const qint64 elapsed = m_clock.restart();
    m_tokens = std::min(m_rate, m_tokens + double(elapsed) * m_rate / 1000.0);
}

qint64 TokenBucket::take()
{
    refill();
    m_tokens -= 1.0;
    if (m_tokens >= 0)
        return 0;
    return qint64(std::ceil(-m_tokens * 1000.0 / m_rate));
}

} // namespace shopdesk
