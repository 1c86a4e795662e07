#pragma once

#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "engine/Engine.h"
#include "storage/StoreWorker.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace shopdesk::test {

// A console on a fresh embedded store with the demo shop, shown and running, for tests of one
// pane; QSettings kept away from the user's own. The bot is off unless asked for.
class ConsoleFixture
{
public:
    bool start(const QString &appName, bool agent = false, QSize size = {1280, 800});
    // Who the console signs in as (before start): the demo's owner unless told.
    void signInAs(const QString &name) { m_operatorName = name; }
    void stop();

    Engine &engine() { return *m_engine; }
    MainWindow &window() { return *m_window; }
    qint64 tenantId() const { return m_window->currentTenantId(); }
    QString path(const QString &name) const { return m_home.filePath(name); }

    // Runs a store job and waits for its answer.
    template<typename Job> auto run(Job job) -> std::invoke_result_t<Job, Store &>
    {
        using R = std::invoke_result_t<Job, Store &>;
        std::optional<R> out;
        QObject context;
        m_engine->store().run(&context, std::move(job), [&out](R r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
            return R::failure(QStringLiteral("The store did not answer in time."));
        return std::move(*out);
    }

    // Saves a picture of the window when SHOPDESK_SCREENSHOT_DIR is set.
    void screenshot(const QString &name);

private:
    QTemporaryDir m_home;
    QString m_operatorName = QStringLiteral("Rakesh Sharma");
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace shopdesk::test
