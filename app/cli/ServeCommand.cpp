#include "cli/ServeCommand.h"

#include "cli/UnixSignalWatcher.h"
#include "engine/DataDirectory.h"
#include "engine/Engine.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace shopdesk {

int ServeCommand::run(const QCommandLineParser &parser)
{
    auto url = databaseUrl(parser);
    if (!url)
        return fail(url.error());
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("shopdesk.*.info=true"));
    Engine::Options options;
    options.database = url.value();
    options.dataDir = DataDirectory::resolve(parser.value(QStringLiteral("data-dir")));
    Engine engine(options);
    UnixSignalWatcher signals;
    int exitCode = ExitOk;

    QObject::connect(&engine, &Engine::stateChanged, &engine, [&](Engine::State state) {
        if (state == Engine::State::Running) {
            out() << "shopdesk engine running on " << engine.storeDescription() << Qt::endl;
        } else if (state == Engine::State::Failed) {
            exitCode = fail(engine.lastError());
            QCoreApplication::exit(exitCode);
        }
    });
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, &engine, [&](int number) {
        out() << "received signal " << number << ", shutting down" << Qt::endl;
        engine.stop();
        QCoreApplication::exit(ExitOk);
    });
    engine.start();
    const int code = QCoreApplication::exec();
    engine.stop();
    if (code == ExitOk)
        out() << "stopped" << Qt::endl;
    return code;
}

} // namespace shopdesk
