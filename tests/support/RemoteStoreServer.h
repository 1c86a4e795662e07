#pragma once

#include "FakeProviderServer.h"
#include "ServeNode.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "domain/Channel.h"
#include "remote/RemoteConsoleClient.h"
#include "storage/Store.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace shopdesk::test {

// answerOf for calls that answer through a context: start(context, done).
template<typename T, typename Start> Result<T> await(Start start, int timeoutMs = 30000)
{
    QObject context;
    return answerOf<T>([&](auto done) { start(&context, std::move(done)); }, timeoutMs);
}

// A real `shopdesk-cli serve` for remote console tests, on a fresh database of the test's
// backend, with two stores made through the CLI: "shop" (a Meta channel to a fake Meta API on
// 127.0.0.1, products MILK1 and BRD1, Asha the owner and Ravi an agent with passwords, Nisha
// an agent without one) and "other" (Olga, its owner). Passwords: "<name lowercased>-password-1".
class RemoteStoreServer
{
public:
    explicit RemoteStoreServer(QString cliPath); // the shopdesk-cli to run
    ~RemoteStoreServer();

    bool setUp();                             // the database, the fake API and the two stores
    int start(const QStringList &extra = {}); // serve; its port, 0 on failure
    bool stop();

    ServeNode &node() { return *m_node; }
    Store &store() { return *m_store; } // the same database, opened by the test
    FakeProviderServer &api() { return *m_api; }
    const QString &home() const { return m_homePath; }
    QString address(const QString &scheme = QStringLiteral("ws")) const;

    bool open(RemoteConsoleClient &client, const QString &scheme = QStringLiteral("ws"));
    Result<RemoteConsoleClient::Session> signIn(RemoteConsoleClient &client, const QString &store,
                                                const QString &name);
    Result<RemoteConsoleClient::Session> signIn(RemoteConsoleClient &client, const QString &store,
                                                const QString &name, const QString &password);
    // A signed customer message (number n of `run`) delivered to serve; true once acknowledged.
    bool postCustomerMessage(const QString &run, qint64 n);

private:
    void addPerson(const QString &store, const QString &name, const QString &role,
                   const QString &password);

    QString m_cliPath;
    QTemporaryDir m_home;
    QString m_homePath;
    std::unique_ptr<TestDatabases> m_dbs;
    std::unique_ptr<FakeProviderServer> m_api;
    std::unique_ptr<ServeNode> m_node;
    std::unique_ptr<Store> m_store;
    Channel m_channel;
};

} // namespace shopdesk::test
