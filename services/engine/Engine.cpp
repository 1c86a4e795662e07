#include "engine/Engine.h"

#include "core/Logging.h"
#include "demo/DemoStoreLoader.h"
#include "storage/StoreWorker.h"

namespace shopdesk {

Engine::Engine(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_store(std::make_unique<StoreWorker>(m_options.database))
{
    connect(m_store.get(), &StoreWorker::ready, this, &Engine::onStoreReady);
    connect(m_store.get(), &StoreWorker::failed, this,
            [this](const QString &message) { setState(State::Failed, message); });
}

Engine::~Engine()
{
    stop();
}

QString Engine::stateText() const
{
    switch (m_state) {
    case State::Stopped:
        return tr("Stopped");
    case State::Starting:
        return tr("Starting…");
    case State::Running:
        return tr("Running");
    case State::Failed:
        return tr("Not running: %1").arg(m_lastError);
    }
    return {};
}

void Engine::start()
{
    if (m_state == State::Starting || m_state == State::Running)
        return;
    setState(State::Starting);
    qCInfo(lcEngine) << "Starting the engine on" << m_options.database.redacted();
    m_store->start();
}

void Engine::stop()
{
    if (m_state == State::Stopped)
        return;
    qCInfo(lcEngine) << "Stopping the engine";
    m_store->close(); // finishes queued jobs, closes the connection on its thread
    setState(State::Stopped);
}

void Engine::onStoreReady(const QString &description)
{
    m_storeDescription = description;
    if (!m_options.loadDemoIfEmpty) {
        setState(State::Running);
        return;
    }
    m_store->run(
        this,
        [](Store &store) -> Result<DemoSummary> {
            auto tenants = store.tenants().tenants();
            if (!tenants)
                return Result<DemoSummary>::failure(tenants.error());
            if (!tenants->isEmpty())
                return DemoSummary{true};
            return DemoStoreLoader::load(store);
        },
        [this](Result<DemoSummary> result) {
            if (!result) {
                Q_EMIT notice(tr("The demo store could not be loaded: %1").arg(result.error()));
            } else if (!result->alreadyLoaded) {
                Q_EMIT notice(tr("Loaded the demo store \"%1\": %2 products, %3 conversations.")
                                  .arg(result->slug)
                                  .arg(result->products)
                                  .arg(result->conversations));
            }
            setState(State::Running);
        });
}

void Engine::setState(State state, const QString &error)
{
    if (state == m_state && error == m_lastError)
        return;
    m_state = state;
    m_lastError = error;
    Q_EMIT stateChanged(state);
}

} // namespace shopdesk
