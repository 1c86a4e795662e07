#pragma once

#include "storage/StoreWorker.h"

#include <utility>

namespace shopdesk {

// Store jobs of which only the newest answer counts (a model reloading after the store was
// switched, a pane refreshing): answers to superseded requests are dropped.
class LatestRequest
{
public:
    template<typename Job, typename Done>
    void run(StoreWorker &worker, QObject *context, Job job, Done done)
    {
        worker.run(context, std::move(job), latest(std::move(done)));
    }
    // The same for any asynchronous call: `done` wrapped so that only the newest answer counts.
    template<typename Done> auto latest(Done done)
    {
        const quint64 generation = ++m_generation;
        return [this, generation, done = std::move(done)](auto result) mutable {
            if (generation == m_generation)
                done(std::move(result));
        };
    }
    void invalidate() { ++m_generation; } // drops the answer of whatever is in flight

private:
    quint64 m_generation = 0;
};

} // namespace shopdesk
