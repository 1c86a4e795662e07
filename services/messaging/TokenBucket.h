#pragma once

#include <QElapsedTimer>

namespace shopdesk {

// A per-number send rate limit: `rate` sends per second, bursts up to one second's worth.
// take() reserves a send and says how long to wait before making it.
class TokenBucket
{
public:
    explicit TokenBucket(double rate = 80);
    void setRate(double rate);
    double rate() const { return m_rate; }
    qint64 take(); // milliseconds to wait (0: now)

private:
    void refill();
    double m_rate;
    double m_tokens;
    QElapsedTimer m_clock;
};

} // namespace shopdesk
