#pragma once

#include "storage/DatabaseUrl.h"

#include <QObject>

#include <memory>

namespace shopdesk {

class StoreWorker;

// The whole engine as local services, for the console (embedded) and `shopdesk-cli serve`.
// Later issues add the webhook server, dispatcher, agent and outbox sender here.
class Engine : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Failed };
    Q_ENUM(State)

    struct Options
    {
        DatabaseUrl database;
        QString dataDir;
        bool loadDemoIfEmpty = false; // first start of the embedded console
    };

    explicit Engine(Options options, QObject *parent = nullptr);
    ~Engine() override;

    void start();
    void stop();

    State state() const { return m_state; }
    QString stateText() const;
    QString lastError() const { return m_lastError; }
    QString storeDescription() const { return m_storeDescription; }
    const Options &options() const { return m_options; }
    StoreWorker &store() { return *m_store; }

Q_SIGNALS:
    void stateChanged(shopdesk::Engine::State state);
    void notice(const QString &message); // something a person should know (demo loaded, ...)

private:
    void setState(State state, const QString &error = {});
    void onStoreReady(const QString &description);

    Options m_options;
    std::unique_ptr<StoreWorker> m_store;
    State m_state = State::Stopped;
    QString m_lastError;
    QString m_storeDescription;
};

} // namespace shopdesk
