#include "ConsoleFixture.h"

#include "ConsoleOperator.h"

#include <QDir>

namespace shopdesk::test {

bool ConsoleFixture::start(const QString &appName, bool agent, QSize size)
{
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("ShopdeskTest"));
    QCoreApplication::setApplicationName(appName);
    Engine::Options options;
    options.dataDir = m_home.filePath(QStringLiteral("data"));
    QDir().mkpath(options.dataDir);
    options.database = DatabaseUrl::defaultFor(options.dataDir);
    options.loadDemoIfEmpty = true;
    options.agent = agent;
    m_settings = std::make_unique<ConsoleSettings>();
    // Who is at the console is remembered per store; the tests are Rakesh, the demo's owner
    // (who may do everything), unless they ask for someone else.
    m_settings->setOperatorName(QStringLiteral("demo"), m_operatorName);
    m_engine = std::make_unique<Engine>(options);
    m_window = std::make_unique<MainWindow>(*m_engine, *m_settings);
    m_window->resize(size);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        return false;
    m_engine->start();
    return QTest::qWaitFor([this] { return m_engine->state() == Engine::State::Running; }, 20000) &&
           QTest::qWaitFor([this] { return m_window->currentTenantId() > 0; }, 10000) &&
           QTest::qWaitFor([this] { return m_window->consoleOperator()->current().id > 0; }, 10000);
}

void ConsoleFixture::stop()
{
    m_window.reset();
    m_engine.reset();
}

void ConsoleFixture::screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    m_window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

} // namespace shopdesk::test
